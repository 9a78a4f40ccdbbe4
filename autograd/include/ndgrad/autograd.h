// The autograd layer of ndgrad: everything in namespace ag.
#pragma once

#include <ndgrad/core.h>
