// A small document model with two renderings: Markdown for review and
// e-mail, standalone HTML for printing. The report builds one Document;
// each renderer escapes every text it prints, so log content (user agents,
// raw lines) can never break out of its place.
#ifndef ALCOR_ENGINE_REPORT_DOCUMENT_H_
#define ALCOR_ENGINE_REPORT_DOCUMENT_H_

#include <string>
#include <utility>
#include <vector>

namespace alcor {

class Document {
 public:
  using Row = std::vector<std::string>;

  void heading(int level, std::string text);
  void paragraph(std::string text);
  // An outcome line that must stand out; `alarm` marks one the reader must
  // not take for a plain "not found" (rendered as a quote / a red box).
  void outcome(std::string text, bool alarm);
  void fields(std::vector<std::pair<std::string, std::string>> label_values);
  void table(Row headers, std::vector<Row> rows);
  void code(std::string text);  // verbatim, e.g. a raw log line
  void list(std::vector<std::string> items);

  std::string markdown() const;
  std::string html(const std::string& title) const;

 private:
  enum class Kind { kHeading, kParagraph, kOutcome, kAlarm, kFields, kTable, kCode, kList };
  struct Block {
    Kind kind;
    int level = 0;
    std::string text;
    Row headers;
    std::vector<Row> rows;
  };
  std::vector<Block> blocks_;
};

}  // namespace alcor

#endif  // ALCOR_ENGINE_REPORT_DOCUMENT_H_
