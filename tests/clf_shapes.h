// The formats ClfFastPath reads, as written in either server's syntax, for
// the differential checks of the fast path against the walker
// (clf_fast_path_test.cc and the clf_fast_path fuzz target).
#ifndef ALCOR_TESTS_CLF_SHAPES_H_
#define ALCOR_TESTS_CLF_SHAPES_H_

#include <optional>
#include <string>
#include <vector>

#include "parsers/apache_steps.h"
#include "parsers/clf_fast_path.h"

namespace alcor::testing {

// An Apache LogFormat or an nginx log_format template.
struct Shape {
  std::string format;
  bool nginx = false;
};

// Apache's shapes, then nginx's.
inline std::vector<Shape> fast_path_shapes() {
  std::vector<Shape> out;
  for (std::string& f : apache::ClfFastPath::formats()) out.push_back({std::move(f), false});
  for (std::string& f : apache::ClfFastPath::nginx_formats()) out.push_back({std::move(f), true});
  return out;
}

// Compiles a shape; nginx templates with `nginx_escape`.
inline std::optional<apache::Format> compile_shape(const Shape& shape, std::string* error,
                                                   apache::Escape nginx_escape = apache::Escape::kNginx) {
  return shape.nginx ? apache::compile_nginx(shape.format, nginx_escape, error) : apache::compile(shape.format, error);
}

}  // namespace alcor::testing

#endif  // ALCOR_TESTS_CLF_SHAPES_H_
