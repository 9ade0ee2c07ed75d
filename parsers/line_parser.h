// The interface every log format implements.
//
// A LineParser turns one line (without its terminator) into a LogRecord or
// says why it could not. Parsers are stateful for scratch memory, so a
// pipeline gives each worker thread its own clone(); the one exception is a
// format whose lines depend on earlier lines (see carry_state).
#ifndef ALCOR_PARSERS_LINE_PARSER_H_
#define ALCOR_PARSERS_LINE_PARSER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "parsers/log_record.h"

namespace alcor {

// Why a line was rejected. Every rejected line is counted under one reason;
// none is dropped silently.
enum class RejectReason : uint8_t {
  kNone = 0,
  kEmpty,         // blank line
  kBinary,        // NUL or other bytes no server writes outside escapes
  kTooLong,       // over the line-length limit
  kFormat,        // literal text of the format did not match (foreign line)
  kTruncated,     // the line ended before the format did
  kBadTimestamp,
  kBadAddress,
  kBadPort,
  kBadNumber,     // status, size or duration not a number
  kHeader,        // a format directive (W3C "#Fields:"), not a record
  kCount_,
};

std::string_view reject_reason_name(RejectReason r);

class LineParser {
 public:
  virtual ~LineParser() = default;

  // Parses `line`; on kNone `*out` is filled and its views stay valid until
  // the next call on this parser (and as long as `line`'s bytes live).
  virtual RejectReason parse(std::string_view line, LogRecord* out) = 0;

  // The format definition as the user would recognise it from the server's
  // configuration (e.g. `LogFormat "%h %l %u %t \"%r\" %>s %b" common`).
  // It is also a SPEC that make_parser() turns back into this same parser:
  // the index records it with each source, and evidence names it.
  virtual const std::string& definition() const = 0;

  // A clone starts with the state carried so far (carry_state), never with
  // state the original learned while parsing: a clone may be handed any
  // chunk of the file.
  virtual std::unique_ptr<LineParser> clone() const = 0;

  // For formats whose lines depend on earlier lines of the same file (W3C
  // extended: a "#Fields:" directive sets the columns of every line after
  // it). `text` (whole lines) is what comes before the next line this
  // parser, or its next clone, is given:
  //  - a pipeline that parses a file in chunks clones the parser for each
  //    chunk in file order and, after cloning for a chunk, passes that
  //    chunk's text here on the parser it clones from;
  //  - a reader that re-parses one line (evidence) passes the lines before
  //    it, or at least those starting with '#'.
  // Without these calls a parser knows only what its own lines declare and
  // rejects lines before that as kFormat (loud, never misread). Stateless
  // formats ignore it.
  virtual void carry_state(std::string_view /*text*/) {}

  // True for formats that need carry_state(): a reader that jumps to one
  // line (evidence through an access point) must pass the lines before it
  // (those starting with '#' suffice for W3C) or the line cannot be read.
  virtual bool needs_earlier_lines() const { return false; }
};

}  // namespace alcor

#endif  // ALCOR_PARSERS_LINE_PARSER_H_
