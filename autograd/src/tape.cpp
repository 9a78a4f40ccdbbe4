// The tape and the backward walk.
//
// Backward seeds the root's gradient, then visits the records newest first. A record
// whose output has received a gradient checks that its saved arrays are unchanged, and
// its backward function hands a gradient to each input that needs one: a leaf adds it
// to its .grad, a non-leaf keeps it as `pending` until its own record is visited (which
// comes later in the walk, since it was recorded earlier). Records whose output got no
// gradient are skipped. Afterwards, unless the graph is retained, every record is
// released with its saved arrays.
#include "ndgrad/autograd/tape.h"

#include <algorithm>

#include "engine.h"
#include "ndgrad/autograd/errors.h"
#include "ndgrad/autograd/function.h"

namespace ag {

// --- saved arrays ---------------------------------------------------------------------------

SavedArray::SavedArray(nd::Array array, std::shared_ptr<Node> owner)
    : array_(std::move(array)), owner_(std::move(owner)) {
  if (owner_) {
    version_ = owner_->own_storage.version;
    ++owner_->own_storage.live_saves;
  }
}

SavedArray::SavedArray(SavedArray&& other) noexcept
    : array_(std::move(other.array_)), owner_(std::move(other.owner_)), version_(other.version_) {
  other.owner_ = nullptr;
}

SavedArray::~SavedArray() {
  if (owner_) --owner_->own_storage.live_saves;
}

bool SavedArray::is_stale() const {
  return owner_ && owner_->own_storage.version != version_;
}

std::uint64_t SavedArray::current_version() const {
  return owner_ ? owner_->own_storage.version : version_;
}

// --- records ----------------------------------------------------------------------------------

namespace {

const std::shared_ptr<Node>& storage_owner(const std::shared_ptr<Node>& node) {
  return node->storage_owner ? node->storage_owner : node;
}

}  // namespace

Record::Record(const char* op, const Tensor* const* inputs, std::size_t n_inputs,
               const nd::Array* saved, std::size_t n_saved, const nd::Array& output,
               std::shared_ptr<Node> output_node, std::pmr::memory_resource* memory)
    : op_(op), inputs_(memory), output_(std::move(output_node)), saved_(memory) {
  output_->producer = op_;
  inputs_.reserve(n_inputs);
  for (std::size_t i = 0; i < n_inputs; ++i)
    inputs_.push_back(inputs[i] ? inputs[i]->node() : nullptr);
  // A saved array that lives in an input's or the output's memory gets that storage's
  // version; others (constants, temporaries) have none to check.
  saved_.reserve(n_saved);
  for (std::size_t s = 0; s < n_saved; ++s) {
    std::shared_ptr<Node> owner;
    if (saved[s].storage() == output.storage()) {
      owner = storage_owner(output_);
    } else {
      for (std::size_t i = 0; i < n_inputs && !owner; ++i)
        if (inputs[i] && inputs[i]->array().storage() == saved[s].storage())
          owner = storage_owner(inputs[i]->node());
    }
    saved_.emplace_back(saved[s], std::move(owner));
  }
}

Record::~Record() = default;

std::int64_t Record::saved_bytes() const {
  std::int64_t bytes = 0;
  for (const SavedArray& s : saved_) bytes += s.array().nbytes();
  return bytes;
}

// --- the arena ---------------------------------------------------------------------------------

void* RecordArena::do_allocate(std::size_t bytes, std::size_t alignment) {
  constexpr std::size_t kFirstBlock = 64 << 10;
  while (true) {
    if (block_ < blocks_.size()) {
      Block& b = blocks_[block_];
      const std::size_t start = (used_ + alignment - 1) / alignment * alignment;
      if (start + bytes <= b.size) {
        used_ = start + bytes;
        return b.memory.get() + start;
      }
      if (block_ + 1 < blocks_.size()) {  // the next kept block
        ++block_;
        used_ = 0;
        continue;
      }
    }
    // A new block, twice the last one (and large enough), so that a tape of n records
    // takes O(log n) blocks. operator new aligns to 16 bytes, enough for any record.
    const std::size_t last = blocks_.empty() ? kFirstBlock / 2 : blocks_.back().size;
    const std::size_t size = std::max(2 * last, bytes + alignment);
    blocks_.push_back(Block{std::make_unique<std::byte[]>(size), size});
    block_ = blocks_.size() - 1;
    used_ = 0;
  }
}

// --- the tape ---------------------------------------------------------------------------------

namespace {
thread_local Tape* active_tape = nullptr;  // set by TapeSwitch
}  // namespace

Tape& Tape::current() {
  if (active_tape != nullptr) return *active_tape;
  thread_local Tape tape;
  return tape;
}

Tape::~Tape() {
  clear();
}

void Tape::clear() {
  for (Record* record : records_) {
    record->output()->graph_released = true;
    record->~Record();  // the memory belongs to the arena
  }
  records_.clear();
  arena_.reset();
}

namespace detail {

TapeSwitch::TapeSwitch(Tape& tape) : previous_(active_tape) {
  active_tape = &tape;
}
TapeSwitch::~TapeSwitch() {
  active_tape = previous_;
}

[[noreturn]] void throw_released(const Node& node) {
  throw AutogradError(
      std::string("backward through a released graph: the record of ") + node.producer +
      " that made this tensor was freed by an earlier backward (pass retain_graph=true to the "
      "first backward to keep it) or by Tape::clear()");
}

namespace {

// Whether `grad` may be written in place later: nothing else refers to its memory.
bool is_exclusive(const nd::Array& grad) {
  return grad.writeable() && grad.storage().use_count() == 1;
}

// Adds `grad` into `slot`. A slot that must own its array (a leaf's .grad, which the
// user reads and which later backwards add into) copies a gradient it cannot own.
void accumulate(GradSlot& slot, nd::Array grad, bool must_own) {
  if (!slot.array) {
    const bool exclusive = is_exclusive(grad);
    slot.array =
        std::make_unique<nd::Array>((must_own && !exclusive) ? grad.copy() : std::move(grad));
    slot.owned = exclusive || must_own;
  } else if (slot.owned) {
    nd::add(*slot.array, grad, *slot.array);
  } else {
    *slot.array = nd::add(*slot.array, grad);
    slot.owned = true;
  }
}

void check_saved_arrays(const Record& record) {
  for (const SavedArray& s : record.saved()) {
    if (!s.is_stale()) continue;
    throw AutogradError(
        std::string(record.op()) + ": an array it saved for backward (shape " +
        nd::shape_repr_compact(s.array().shape()) + ", " + nd::name(s.array().dtype()) +
        ") was modified after it was saved (version " + std::to_string(s.saved_version()) +
        ", now " + std::to_string(s.current_version()) +
        "), so its gradient would be wrong; write into a tensor only after "
        "the backward that needs it, or compute from a copy");
  }
}

// After a failed backward, no half-delivered gradient may leak into the next one.
void drop_pending(const std::vector<Record*>& records) {
  for (Record* record : records) {
    record->output()->pending = GradSlot{};
    for (auto& input : record->inputs())
      if (input) input->pending = GradSlot{};
  }
}

}  // namespace

void deliver(Node& node, nd::Array grad) {
  if (node.is_leaf) return accumulate(node.grad, std::move(grad), /*must_own=*/true);
  if (node.graph_released) throw_released(node);
  accumulate(node.pending, std::move(grad), /*must_own=*/false);
}

nd::Array& own_slot(Node& node) {
  if (!node.is_leaf && node.graph_released) throw_released(node);
  GradSlot& slot = node.is_leaf ? node.grad : node.pending;
  if (!slot.array) {
    slot.array = std::make_unique<nd::Array>(nd::zeros(node.shape, node.dtype));
  } else if (!slot.owned) {
    *slot.array = slot.array->copy();
  }
  slot.owned = true;
  return *slot.array;
}

void run_backward(const std::shared_ptr<Node>& root, const nd::Array& seed, bool retain_graph) {
  Tape& tape = Tape::current();
  auto& records = tape.records();
  try {
    deliver(*root, seed);
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
      Record& record = **it;
      Node& output = *record.output();
      if (!output.pending.array) continue;
      nd::Array grad = std::move(*output.pending.array);
      output.pending = GradSlot{};
      if (output.retains_grad) accumulate(output.grad, grad, /*must_own=*/true);
      check_saved_arrays(record);
      BackwardContext context(record, grad);
      record.backward(context);
    }
  } catch (...) {
    drop_pending(records);
    throw;
  }
  if (!retain_graph) tape.clear();
}

}  // namespace detail

}  // namespace ag
