// The tape: a thread-local Wengert list. Every differentiable op whose inputs need a
// gradient appends one Record (the op's name, the Nodes of its inputs and output, the
// arrays its backward needs, the backward function). Records are appended in execution
// order, so walking them in reverse is a valid reverse topological order: backward needs
// no graph search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string>
#include <vector>

#include "ndgrad/autograd/node.h"
#include "ndgrad/autograd/tensor.h"

namespace ag {

class BackwardContext;

// An array a record keeps for its backward, with the version its storage had then.
// While it lives, its storage counts one more live save (see StorageState).
class SavedArray {
 public:
  // `owner` is the node owning the storage `array` lives in, or null for arrays no
  // tensor owns (constants, temporaries), which have no version to check.
  SavedArray(nd::Array array, std::shared_ptr<Node> owner);
  SavedArray(SavedArray&& other) noexcept;
  SavedArray& operator=(SavedArray&&) = delete;
  SavedArray(const SavedArray&) = delete;
  ~SavedArray();

  const nd::Array& array() const { return array_; }
  std::uint64_t saved_version() const { return version_; }
  // The storage has been written (its version bumped) since the save.
  bool is_stale() const;
  std::uint64_t current_version() const;

 private:
  nd::Array array_;
  std::shared_ptr<Node> owner_;
  std::uint64_t version_ = 0;
};

class Record {
 public:
  // Takes the nodes of the `inputs` (null entries stand for constant operands) and the
  // arrays to save, each tied to the storage (of an input or the output) it lives in.
  // The lists live in `memory` (the tape's arena).
  Record(const char* op, const Tensor* const* inputs, std::size_t n_inputs, const nd::Array* saved,
         std::size_t n_saved, const nd::Array& output, std::shared_ptr<Node> output_node,
         std::pmr::memory_resource* memory);
  virtual ~Record();
  Record(const Record&) = delete;
  Record& operator=(const Record&) = delete;

  // The op's name, as the ag function that recorded it is called ("matmul", "add", ...).
  const char* op() const { return op_; }
  // One entry per operand: the node of a tensor (which may or may not require a
  // gradient), null for a constant (an nd::Array or a scalar).
  const std::pmr::vector<std::shared_ptr<Node>>& inputs() const { return inputs_; }
  const std::shared_ptr<Node>& output() const { return output_; }
  const std::pmr::vector<SavedArray>& saved() const { return saved_; }
  // Bytes held by the saved arrays' views (a view of a large array counts its own size).
  std::int64_t saved_bytes() const;

  // Computes the inputs' gradients from the output's (the context holds both).
  virtual void backward(BackwardContext& context) = 0;

 private:
  const char* op_;
  std::pmr::vector<std::shared_ptr<Node>> inputs_;
  std::shared_ptr<Node> output_;
  std::pmr::vector<SavedArray> saved_;
};

// Where records live: blocks of memory handed out front to back and all reused at once
// when the tape is cleared, so that recording an op costs no malloc for the record.
class RecordArena : public std::pmr::memory_resource {
 public:
  RecordArena() = default;
  RecordArena(const RecordArena&) = delete;
  RecordArena& operator=(const RecordArena&) = delete;
  // Every allocation is dead: start again at the first block (the blocks are kept).
  void reset() {
    block_ = 0;
    used_ = 0;
  }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  void do_deallocate(void*, std::size_t, std::size_t) override {}  // reset() frees
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  struct Block {
    std::unique_ptr<std::byte[]> memory;
    std::size_t size;
  };
  std::vector<Block> blocks_;
  std::size_t block_ = 0, used_ = 0;  // the block being filled and how much of it is used
};

class Tape {
 public:
  // This thread's tape.
  static Tape& current();

  std::size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  const Record& operator[](std::size_t i) const { return *records_[i]; }

  // Iterates the records in the order they were recorded.
  class const_iterator {
   public:
    using Base = std::vector<Record*>::const_iterator;
    explicit const_iterator(Base it) : it_(it) {}
    const Record& operator*() const { return **it_; }
    const Record* operator->() const { return *it_; }
    const_iterator& operator++() {
      ++it_;
      return *this;
    }
    bool operator==(const const_iterator& other) const { return it_ == other.it_; }
    bool operator!=(const const_iterator& other) const { return it_ != other.it_; }

   private:
    Base it_;
  };
  const_iterator begin() const { return const_iterator(records_.begin()); }
  const_iterator end() const { return const_iterator(records_.end()); }

  // Forgets every record and releases the saved arrays; the outputs of those records can
  // no longer backward (AutogradError if they try).
  void clear();
  // Graphviz DOT of the recorded graph: tensors as boxes (name, shape, dtype; parameters
  // filled, data that needs no gradient dashed), ops as ellipses, arrows in the direction
  // data flows. Constant operands that are not tensors (scalars, nd::Arrays) are left out.
  std::string to_dot() const;

  // For record() (function.h) and the backward walk: the arena records are built in, and
  // appending one built there (the tape destroys it).
  RecordArena& arena() { return arena_; }
  void push(Record* record) { records_.push_back(record); }
  std::vector<Record*>& records() { return records_; }

  Tape() = default;
  ~Tape();
  Tape(const Tape&) = delete;
  Tape& operator=(const Tape&) = delete;

 private:
  RecordArena arena_;  // declared first: destroyed after the records in it
  std::vector<Record*> records_;
};

namespace detail {
// Runs backward from `root` seeded with `seed` (see Tensor::backward).
void run_backward(const std::shared_ptr<Node>& root, const nd::Array& seed, bool retain_graph);
// Makes `tape` this thread's current tape while it lives (gradcheck records on a clean
// tape of its own, leaving the caller's records alone).
class TapeSwitch {
 public:
  explicit TapeSwitch(Tape& tape);
  ~TapeSwitch();
  TapeSwitch(const TapeSwitch&) = delete;
  TapeSwitch& operator=(const TapeSwitch&) = delete;

 private:
  Tape* previous_;
};
}  // namespace detail

}  // namespace ag
