// Rows of CSV text (RFC 4180: quoted fields may hold commas, quotes doubled,
// line breaks), as spreadsheets export them: a UTF-8 byte order mark at the
// start is skipped, CRLF and LF both end a row.
#ifndef ALCOR_ENGINE_CSV_READER_H_
#define ALCOR_ENGINE_CSV_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace alcor {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // The next row into *fields; false at the end. A row with a stray quote
  // (text after a closing quote, or no closing quote) sets *error and still
  // returns true so the caller can report that row and go on.
  bool next(std::vector<std::string>* fields, std::string* error);
  // 1-based line number where the last row returned started.
  uint64_t row_line() const { return row_line_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
  uint64_t row_line_ = 0;
};

}  // namespace alcor

#endif  // ALCOR_ENGINE_CSV_READER_H_
