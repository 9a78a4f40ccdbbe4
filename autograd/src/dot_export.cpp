// Tape::to_dot: the recorded graph in Graphviz's DOT language. Tensors are boxes
// labelled with their name (if any), shape and dtype; parameters (leaves that require
// gradients) are filled, tensors that need no gradient (data) dashed; ops are ellipses.
// Arrows follow the data: input -> op -> output.
#include <sstream>
#include <unordered_map>
#include <vector>

#include "ndgrad/autograd/tape.h"

namespace ag {

namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string numbered(const char* prefix, std::size_t n) {
  std::string id = prefix;
  id += std::to_string(n);
  return id;
}

// Parameters filled, tensors that need no gradient (data) dashed.
const char* box_style(const Node& node) {
  if (node.is_parameter()) return "rounded,filled\", fillcolor=\"#a6cee3\", penwidth=\"2";
  return node.requires_grad ? "rounded" : "rounded,dashed";
}

class DotWriter {
 public:
  std::string tensor(const Node* node) {
    auto [it, inserted] = ids_.try_emplace(node, numbered("t", ids_.size()));
    if (inserted) {
      std::string label = escape(node->name);
      if (!label.empty()) label += "\\n";
      label += nd::shape_repr_compact(node->shape);
      label += ' ';
      label += nd::name(node->dtype);
      out_ << "  " << it->second << " [label=\"" << label << "\", shape=box, style=\""
           << box_style(*node) << "\"];\n";
    }
    return it->second;
  }
  void op(std::size_t index, const Record& record) {
    // Declare the tensors first: an edge line must not be interrupted by a declaration.
    std::vector<std::string> inputs;
    for (const auto& input : record.inputs())
      if (input) inputs.push_back(tensor(input.get()));
    const std::string output = tensor(record.output().get());
    const std::string id = numbered("op", index);
    out_ << "  " << id << " [label=\"" << escape(record.op())
         << "\", shape=ellipse, style=filled, fillcolor=\"#eeeeee\"];\n";
    for (const std::string& input : inputs) out_ << "  " << input << " -> " << id << ";\n";
    out_ << "  " << id << " -> " << output << ";\n";
  }
  std::string finish() { return out_.str() + "}\n"; }
  std::ostringstream& stream() { return out_; }

 private:
  std::ostringstream out_;
  std::unordered_map<const Node*, std::string> ids_;
};

}  // namespace

std::string Tape::to_dot() const {
  DotWriter writer;
  writer.stream()
      << "digraph tape {\n  rankdir=TB;\n  ranksep=0.3;\n  node [fontname=\"Helvetica\", "
         "fontsize=11, height=0.35];\n  edge [color=\"#555555\", arrowsize=0.7];\n";
  for (std::size_t i = 0; i < records_.size(); ++i) writer.op(i, *records_[i]);
  return writer.finish();
}

}  // namespace ag
