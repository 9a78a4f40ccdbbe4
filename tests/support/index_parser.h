// Parses the small index language of the indexing fixtures (tests/gen_indexing.py):
// items separated by ';', each one of 7, -1, 1:4:2, ::-1, :, None, ..., True, False,
// [0,1,-2], [[2],[0],[1]] (int64 arrays) or b[True,False] (boolean arrays).
#pragma once

#include <ndgrad/core.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace nd_test {

// A nested bracketed list of integers or True/False, flattened, with its shape.
inline nd::Array parse_list(const std::string& text, bool boolean) {
  std::vector<std::int64_t> values;
  nd::Shape shape;
  std::vector<std::int64_t> counts;  // elements seen at each open depth
  std::size_t depth = 0, max_depth = 0;
  std::string token;
  auto flush = [&]() {
    if (token.empty()) return;
    values.push_back(boolean ? (token == "True" ? 1 : 0) : std::stoll(token));
    ++counts[depth - 1];
    token.clear();
  };
  for (char ch : text) {
    if (ch == '[') {
      if (depth > 0) ++counts[depth - 1];
      ++depth;
      max_depth = std::max(max_depth, depth);
      if (counts.size() < depth) counts.push_back(0);
      counts[depth - 1] = 0;
    } else if (ch == ']') {
      flush();
      if (shape.size() < depth) shape.resize(depth, 0);
      shape[depth - 1] = counts[depth - 1];
      --depth;
    } else if (ch == ',') {
      flush();
    } else if (ch != ' ') {
      token += ch;
    }
  }
  shape.resize(max_depth);
  nd::Array a = nd::array(values, shape);
  return boolean ? a.astype(nd::bool_) : a;
}

inline nd::Index parse_item(const std::string& t) {
  if (t == "None") return nd::None;
  if (t == "...") return nd::Ellipsis;
  if (t == "True" || t == "False") return t == "True";
  if (t.rfind("b[", 0) == 0) return parse_list(t.substr(1), true);
  if (t[0] == '[') return parse_list(t, false);
  if (t.find(':') != std::string::npos) {
    std::optional<std::int64_t> parts[3];
    std::size_t start = 0;
    for (int k = 0; k < 3; ++k) {
      std::size_t end = t.find(':', start);
      std::string piece =
          t.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!piece.empty()) parts[k] = std::stoll(piece);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return nd::Slice(parts[0], parts[1], parts[2]);
  }
  return std::stoll(t);
}

inline std::vector<nd::Index> parse_index(const std::string& text) {
  std::vector<nd::Index> items;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ';')) items.push_back(parse_item(item));
  return items;
}

}  // namespace nd_test
