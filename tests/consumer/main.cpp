#include <ndgrad/core.h>

#include <iostream>

int main() {
  std::cout << nd::arange(6).reshape({2, 3}).astype(nd::float64) << "\n";
  return 0;
}
