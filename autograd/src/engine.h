// The backward engine's gradient bookkeeping, shared by tape.cpp (the backward walk) and
// function.cpp (BackwardContext) (internal header).
#pragma once

#include "ndgrad/autograd/node.h"

namespace ag::detail {

// Adds `grad` (already of the node's shape and dtype) to where the node collects its
// gradient: .grad for leaves, .pending for non-leaves (whose record passes it on).
// Throws AutogradError when the node's record has been released.
void deliver(Node& node, nd::Array grad);
// The slot deliver() would use, made this slot's own array (zeros when it was empty), so
// that a gradient can be added into part of it in place.
nd::Array& own_slot(Node& node);

// The message for a gradient that reaches a node whose record is gone.
[[noreturn]] void throw_released(const Node& node);

}  // namespace ag::detail
