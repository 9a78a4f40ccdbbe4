// The autograd layer of ndgrad: everything in namespace ag.
//
// ag::Tensor (tensor.h) wraps an nd::Array; ops on tensors (elementwise.h, reductions.h,
// products.h, shape_ops.h, indexing.h, joining.h, rearranging.h, sorting.h,
// composites.h) compute with nd and record onto a thread-local tape (tape.h) what
// backward needs; function.h is how an op is written; gradcheck.h checks one against
// finite differences.
#pragma once

#include <ndgrad/core.h>

#include "ndgrad/autograd/composites.h"
#include "ndgrad/autograd/elementwise.h"
#include "ndgrad/autograd/errors.h"
#include "ndgrad/autograd/function.h"
#include "ndgrad/autograd/grad_mode.h"
#include "ndgrad/autograd/gradcheck.h"
#include "ndgrad/autograd/indexing.h"
#include "ndgrad/autograd/joining.h"
#include "ndgrad/autograd/node.h"
#include "ndgrad/autograd/products.h"
#include "ndgrad/autograd/rearranging.h"
#include "ndgrad/autograd/reductions.h"
#include "ndgrad/autograd/shape_ops.h"
#include "ndgrad/autograd/sorting.h"
#include "ndgrad/autograd/tape.h"
#include "ndgrad/autograd/tensor.h"
