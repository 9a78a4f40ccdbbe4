// ag::Node: the small shared part of a tensor that the tape refers to. A Tensor is an
// nd::Array value plus a shared_ptr to its Node; records on the tape hold Nodes, never
// values, so a record keeps alive only what its backward needs (its saved arrays) and
// the slots where gradients land.
#pragma once

#include <ndgrad/core/array.h>

#include <cstdint>
#include <memory>
#include <string>

namespace ag {

// What ag knows about one block of memory: the storage of a tensor, shared by the ag
// views of it (reshape, transpose, slicing, detach, ...).
struct StorageState {
  // Bumped by Tensor::bump_version(). A saved array remembers the version it was saved
  // at; backward refuses to use it once the version has moved on.
  std::uint64_t version = 0;
  // How many arrays saved by records on the tape live in this storage. While any do,
  // Tensor::value() hands out read-only arrays, so a write cannot slip in between a
  // forward and its backward.
  std::int64_t live_saves = 0;
};

// A gradient slot: the array (null when empty), and whether that array is this slot's
// alone (then later gradients may be added into it in place; otherwise it may be shared
// with another slot, and adding makes a new array). Held through a pointer so that a Node
// stays small: most nodes hold a gradient only for a moment during backward.
struct GradSlot {
  std::unique_ptr<nd::Array> array;
  bool owned = false;
};

struct Node {
  // Fixed when the tensor is made.
  nd::Shape shape;
  nd::DType dtype = nd::float64;
  bool requires_grad = false;
  bool is_leaf = true;             // made by the user (or detach()), not by a recorded op
  const char* producer = nullptr;  // the op that made it (a non-leaf), for messages
  std::string name;                // for to_dot() and error messages; empty unless set

  // Autograd state.
  bool retains_grad = false;    // a non-leaf that keeps its gradient (retain_grad())
  bool graph_released = false;  // the record that made it is gone (released or cleared)
  GradSlot grad;                // the accumulated gradient: leaves and retain_grad()
  GradSlot pending;             // the gradient flowing into a non-leaf during backward

  // The node that owns the storage this tensor's value lives in; null when that is this
  // node itself. Views point at the owner, never at another view.
  std::shared_ptr<Node> storage_owner;
  StorageState own_storage;

  StorageState& storage() { return storage_owner ? storage_owner->own_storage : own_storage; }
  const StorageState& storage() const {
    return storage_owner ? storage_owner->own_storage : own_storage;
  }
  // A parameter is a leaf that wants gradients: what an optimizer updates.
  bool is_parameter() const { return is_leaf && requires_grad; }
};

}  // namespace ag
