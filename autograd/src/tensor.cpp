// Placeholder until the tape lands.
#include "ndgrad/autograd.h"
