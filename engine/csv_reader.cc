#include "engine/csv_reader.h"

namespace alcor {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

bool CsvReader::next(std::vector<std::string>* fields, std::string* error) {
  fields->clear();
  error->clear();
  // Blank lines between rows are not rows.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  row_line_ = line_;
  std::string field;
  bool quoted = false, after_quote = false;
  for (; pos_ < text_.size(); ++pos_) {
    char c = text_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line_;
        field.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (c == '\n' || c == '\r') {
      break;
    } else if (c == '"' && field.empty() && !after_quote) {
      quoted = true;
    } else if (after_quote) {
      if (error->empty()) *error = "text after a closing quote";
    } else {
      field.push_back(c);
    }
  }
  if (quoted) *error = "a quoted field is not closed";
  // Leave the line end for the blank-line skip above.
  fields->push_back(std::move(field));
  return true;
}

}  // namespace alcor
