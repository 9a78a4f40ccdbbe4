// The array core of ndgrad: everything in namespace nd.
#pragma once

#include "ndgrad/core/array.h"
#include "ndgrad/core/array_like.h"
#include "ndgrad/core/axes.h"
#include "ndgrad/core/creation.h"
#include "ndgrad/core/dtype.h"
#include "ndgrad/core/errors.h"
#include "ndgrad/core/image.h"
#include "ndgrad/core/index.h"
#include "ndgrad/core/npy.h"
#include "ndgrad/core/printing.h"
#include "ndgrad/core/reductions.h"
#include "ndgrad/core/shape.h"
#include "ndgrad/core/shape_ops.h"
#include "ndgrad/core/storage.h"
#include "ndgrad/core/ufuncs.h"
