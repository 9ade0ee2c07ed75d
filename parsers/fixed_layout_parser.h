// The frame shared by parsers of a server's own fixed line layout (Envoy,
// Traefik's common format, Zoraxy): the preset's name is the whole
// definition, --host stands in for lines without a vhost, and every line is
// first checked for what no layout reads.
#ifndef ALCOR_PARSERS_FIXED_LAYOUT_PARSER_H_
#define ALCOR_PARSERS_FIXED_LAYOUT_PARSER_H_

#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "parsers/line_parser.h"

namespace alcor {

// These servers write "-" for a value they do not have.
inline std::string_view dash_as_empty(std::string_view v) { return v == "-" ? std::string_view() : v; }

template <typename Derived>
class FixedLayoutParser : public LineParser {
 public:
  FixedLayoutParser(std::string_view name, std::string default_host)
      : definition_(name), default_host_(std::move(default_host)) {}

  const std::string& definition() const override { return definition_; }
  std::unique_ptr<LineParser> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }

 protected:
  // Clears *out; kEmpty for a blank line, kBinary for one holding a NUL (no
  // server writes one), else kNone.
  static RejectReason precheck(std::string_view line, LogRecord* out) {
    out->clear();
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return RejectReason::kEmpty;
    if (memchr(line.data(), '\0', line.size()) != nullptr) return RejectReason::kBinary;
    return RejectReason::kNone;
  }
  std::string_view default_host() const { return default_host_; }

 private:
  std::string definition_;
  std::string default_host_;
};

}  // namespace alcor

#endif  // ALCOR_PARSERS_FIXED_LAYOUT_PARSER_H_
