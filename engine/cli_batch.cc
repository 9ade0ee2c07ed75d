// alcor batch --index DIR [--tz ZONE] [--window DURATION] [--output jsonl|csv|table] FILE
//
// Inquiries from CSV (a header row naming the columns) or JSON Lines (one
// object per line), told apart by the first character. Columns / keys:
// id, time, tz, window, url, url_match, method, status (see InquiryText).
// Every inquiry gets one answer, in input order; a row that cannot be read
// gets an answer with outcome "error" and the rest go on (exit code 2).
#include <simdjson.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include "engine/answer.h"
#include "engine/cli_common.h"
#include "engine/csv_reader.h"
#include "engine/output.h"

namespace alcor {
namespace {

constexpr std::string_view kCommand = "batch";
constexpr std::string_view kSynopsis =
    "alcor batch --index DIR [--tz ZONE] [--window DURATION] [--output jsonl|csv|table] FILE|-";

// The field of an inquiry a column or key fills; nullptr for an unknown name.
std::string* field_named(InquiryText& q, std::string_view name) {
  if (name == "id") return &q.id;
  if (name == "time") return &q.time;
  if (name == "tz") return &q.tz;
  if (name == "window") return &q.window;
  if (name == "url") return &q.url;
  if (name == "url_match") return &q.url_match;
  if (name == "method") return &q.method;
  if (name == "status") return &q.status;
  return nullptr;
}

// A read row: the inquiry, or why it could not be read.
struct Row {
  InquiryText text;
  std::string error;
};

std::string row_name(uint64_t line) { return "line " + std::to_string(line); }

std::vector<Row> read_csv_rows(std::string_view data, std::string* error) {
  CsvReader reader(data);
  std::vector<std::string> header, fields;
  std::string problem;
  if (!reader.next(&header, &problem) || !problem.empty()) {
    *error = "the CSV has no readable header row";
    return {};
  }
  InquiryText probe;
  for (std::string& h : header) {
    while (!h.empty() && h.back() == ' ') h.pop_back();
    while (!h.empty() && h.front() == ' ') h.erase(0, 1);
    if (!field_named(probe, h)) {
      *error = "unknown column '" + h + "' (use id, time, tz, window, url, url_match, method, status)";
      return {};
    }
  }
  std::vector<Row> rows;
  while (reader.next(&fields, &problem)) {
    Row row;
    if (!problem.empty()) {
      row.error = problem;
    } else if (fields.size() != header.size()) {
      row.error = std::to_string(fields.size()) + " fields, the header has " + std::to_string(header.size());
    }
    for (size_t i = 0; i < header.size() && i < fields.size(); ++i) *field_named(row.text, header[i]) = fields[i];
    if (row.text.id.empty()) row.text.id = row_name(reader.row_line());
    rows.push_back(std::move(row));
  }
  return rows;
}

// Strings as they are, numbers as written (an id or epoch time may be one).
bool json_text(simdjson::dom::element e, std::string* out) {
  switch (e.type()) {
    case simdjson::dom::element_type::STRING: *out = std::string(std::string_view(e)); return true;
    case simdjson::dom::element_type::INT64: *out = std::to_string(int64_t(e)); return true;
    case simdjson::dom::element_type::UINT64: *out = std::to_string(uint64_t(e)); return true;
    case simdjson::dom::element_type::DOUBLE: *out = simdjson::minify(e); return true;
    case simdjson::dom::element_type::NULL_VALUE: out->clear(); return true;
    default: return false;
  }
}

std::vector<Row> read_jsonl_rows(std::string_view data) {
  simdjson::dom::parser parser;
  std::vector<Row> rows;
  uint64_t line_number = 0;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Row row;
    simdjson::dom::element doc;
    simdjson::dom::object obj;
    if (parser.parse(simdjson::padded_string(line)).get(doc) || doc.get(obj)) {
      row.error = "not a JSON object";
    } else {
      for (auto [key, value] : obj) {
        std::string* slot = field_named(row.text, key);
        if (!slot) {
          row.error = "unknown key '" + std::string(key) + "'";
        } else if (!json_text(value, slot)) {
          row.error = "'" + std::string(key) + "' must be a string or number";
        }
      }
    }
    if (row.text.id.empty()) row.text.id = row_name(line_number);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

int cmd_batch(const Args& args) {
  std::string index_dir, file, tz, window, output = "jsonl";
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory")
      ("tz", po::value(&tz), "zone of times without offset in rows without a tz (default: config tz, else UTC)")
      ("window", po::value(&window), "window for rows without one (default 60s)")
      ("output", po::value(&output)->default_value("jsonl"), "jsonl, csv or table")
      ("file", po::value(&file)->required(), "inquiries: CSV with a header row, or JSON Lines; - for stdin");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (auto code = parse_command_line(kCommand, kSynopsis, args, desc, positional, &vm)) return *code;
  auto format = parse_output_format(output);
  if (!format) return fail(kCommand, "--output: unknown format '" + output + "' (use jsonl, csv or table)", kExitUsage);

  std::string data;
  if (file == "-") {
    data.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(kCommand, "cannot read " + file, kExitUsage);
    data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::string error;
  size_t first = data.find_first_not_of(" \t\r\n");
  std::vector<Row> rows = first != std::string::npos && data[first] == '{' ? read_jsonl_rows(data)
                                                                          : read_csv_rows(data, &error);
  if (!error.empty()) return fail(kCommand, file + ": " + error, kExitUsage);

  try {
    IndexReader index(index_dir);
    auto zone = default_zone(index_dir, tz, &error);
    if (!error.empty()) return fail(kCommand, error, kExitUsage);
    if (*format == OutputFormat::kCsv) write_answer_csv_header(stdout);
    size_t bad = 0;
    for (Row& row : rows) {
      if (row.text.window.empty()) row.text.window = window;
      Answer a = read_inquiry(row.text, zone);
      if (!row.error.empty()) a.error = row.error;
      if (a.outcome() != Outcome::kError) answer_inquiry(index, &a);
      if (a.outcome() == Outcome::kError) {
        ++bad;
        fail(kCommand, a.text.id + ": " + a.error, 0);
      }
      warn_zone_assumed(kCommand, a);
      switch (*format) {
        case OutputFormat::kJsonl: write_all(stdout, answer_to_json(a, index) + "\n"); break;
        case OutputFormat::kCsv: write_answer_csv(stdout, a); break;
        case OutputFormat::kTable:
          write_answer_table(stdout, a);
          write_all(stdout, "\n");
          break;
      }
    }
    std::fprintf(stderr, "alcor batch: %zu inquiries, %zu answered, %zu with errors\n", rows.size(),
                 rows.size() - bad, bad);
    return bad ? kExitInput : kExitOk;
  } catch (const IndexError& e) {
    return fail(kCommand, e.what(), kExitIndex);
  }
}

}  // namespace alcor
