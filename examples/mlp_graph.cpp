// Records the tape of a small MLP's loss and writes it as Graphviz DOT, then renders it
// to SVG when Graphviz's `dot` is installed:
//
//   ./build/examples/mlp_graph [output_dir]     # writes mlp_graph.dot (and mlp_graph.svg)
//
// The picture shows what backward will replay: each op that recorded (ellipses) with the
// tensors flowing in and out (boxes: name, shape, dtype), parameters filled in blue.
#include <ndgrad/autograd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  nd::random::seed(0);

  // A 2-layer MLP for 3 classes: 4 inputs, 8 hidden units, batch of 16.
  ag::Tensor x(nd::random::randn({16, 4}).astype(nd::float32));
  x.set_name("x");
  nd::Array targets = nd::random::randint(0, 3, {16});
  ag::Tensor w1(nd::random::randn({4, 8}).astype(nd::float32) * 0.5f, true);
  ag::Tensor b1(nd::zeros({8}, nd::float32), true);
  ag::Tensor w2(nd::random::randn({8, 3}).astype(nd::float32) * 0.5f, true);
  ag::Tensor b2(nd::zeros({3}, nd::float32), true);
  w1.set_name("w1");
  b1.set_name("b1");
  w2.set_name("w2");
  b2.set_name("b2");

  ag::Tensor hidden = ag::relu(ag::matmul(x, w1) + b1);
  hidden.set_name("hidden");
  ag::Tensor logits = ag::matmul(hidden, w2) + b2;
  logits.set_name("logits");
  ag::Tensor loss = ag::cross_entropy(logits, targets);
  loss.set_name("loss");

  std::cout << "loss " << loss.item() << ", " << ag::Tape::current().size() << " records:\n";
  for (const ag::Record& record : ag::Tape::current())
    std::cout << "  " << record.op() << " -> " << nd::shape_repr_compact(record.output()->shape)
              << ", saves " << record.saved().size() << " array(s)\n";

  const std::string dot_path = dir + "/mlp_graph.dot", svg_path = dir + "/mlp_graph.svg";
  {
    // Written beside the target and renamed, so a reader never sees half a file.
    std::ofstream(dot_path + ".tmp") << ag::Tape::current().to_dot();
    std::rename((dot_path + ".tmp").c_str(), dot_path.c_str());
  }
  std::cout << "wrote " << dot_path << "\n";
  loss.backward();  // the tape is replayed and released
  std::cout << "|dL/dw1| = " << nd::sqrt(nd::sum(nd::square(w1.grad()))).item<float>() << "\n";

  if (std::system("command -v dot > /dev/null 2>&1") == 0) {
    const std::string command = "dot -Tsvg \"" + dot_path + "\" -o \"" + svg_path + "\"";
    if (std::system(command.c_str()) == 0) std::cout << "wrote " << svg_path << "\n";
  } else {
    std::cout << "Graphviz's dot is not installed: render with dot -Tsvg " << dot_path << "\n";
  }
  return 0;
}
