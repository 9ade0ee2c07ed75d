#include "parsers/registry_address_book.h"

#include <array>

#include "parsers/registry_text.h"

namespace alcor::registry {
namespace {

struct Row {
  size_t line = 0;
  std::vector<std::string> fields;
};

// RFC 4180 records; quoted fields may hold commas, quotes ("") and newlines.
std::vector<Row> read_rows(std::string_view csv) {
  std::vector<Row> rows;
  size_t line = 1, i = 0;
  while (i < csv.size()) {
    if (csv[i] == '\n' || csv[i] == '\r') {
      line += csv[i] == '\n';
      ++i;
      continue;
    }
    if (csv[i] == '#') {
      while (i < csv.size() && csv[i] != '\n') ++i;
      continue;
    }
    Row row;
    row.line = line;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (; i < csv.size(); ++i) {
      char c = csv[i];
      if (quoted) {
        if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n';
          field += c;
        }
      } else if (c == '"' && trim(field).empty() && !was_quoted) {
        quoted = was_quoted = true;
        field.clear();
      } else if (c == ',') {
        row.fields.emplace_back(was_quoted ? field : std::string(trim(field)));
        field.clear();
        was_quoted = false;
      } else if (c == '\n') {
        break;
      } else if (c != '\r' && !was_quoted) {
        field += c;
      } else if (c != '\r' && c != ' ' && c != '\t') {
        throw ParseError(line, "text after a closing quote");
      }
    }
    if (quoted) throw ParseError(row.line, "quoted field never closed (truncated file?)");
    row.fields.emplace_back(was_quoted ? field : std::string(trim(field)));
    rows.push_back(std::move(row));
  }
  return rows;
}

enum Column { kKey, kOrganisation, kPostalAddress, kDisclosureDesk, kNote, kColumns };
constexpr std::array<std::string_view, kColumns> kColumnNames = {
    "key", "organisation", "postal_address", "disclosure_desk", "note"};

}  // namespace

bool looks_like_address_book(std::string_view text) {
  for (std::string_view rest = text.substr(0, 4096); !rest.empty();) {
    size_t nl = rest.find('\n');
    std::string_view line = trim(rest.substr(0, nl));
    if (!line.empty() && line.front() != '#') return iequals(line.substr(0, 4), "key,");
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return false;
}

ImportBatch parse_address_book(std::string_view csv) {
  auto rows = read_rows(csv);
  if (rows.empty()) throw ParseError(0, "empty address book: expected a header row");
  std::array<int, kColumns> where;
  where.fill(-1);
  const Row& header = rows.front();
  for (size_t i = 0; i < header.fields.size(); ++i) {
    bool known = false;
    for (int c = 0; c < kColumns; ++c) {
      if (iequals(header.fields[i], kColumnNames[c])) {
        where[c] = static_cast<int>(i);
        known = true;
      }
    }
    if (!known) throw ParseError(header.line, "unknown column '" + header.fields[i] + "'");
  }
  if (where[kKey] < 0 || (where[kPostalAddress] < 0 && where[kDisclosureDesk] < 0)) {
    throw ParseError(header.line,
                     "the header needs 'key' and 'postal_address' or 'disclosure_desk'");
  }
  ImportBatch batch;
  batch.kind = SourceKind::kAddressBook;
  for (size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.fields.size() != header.fields.size()) {
      throw ParseError(row.line, "expected " + std::to_string(header.fields.size()) +
                                     " fields, found " + std::to_string(row.fields.size()));
    }
    auto get = [&](Column c) { return where[c] < 0 ? std::string() : row.fields[where[c]]; };
    BookEntry e{0, get(kKey), get(kOrganisation), get(kPostalAddress), get(kDisclosureDesk), get(kNote)};
    if (e.key.empty()) throw ParseError(row.line, "empty key");
    batch.book.push_back(std::move(e));
  }
  return batch;
}

}  // namespace alcor::registry
