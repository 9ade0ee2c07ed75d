// alcor batch --index DIR [--tz ZONE] [--window DURATION] [--output jsonl|csv|table] [--threads N] FILE
//
// Inquiries from CSV (a header row naming the columns) or JSON Lines (one
// object per line), told apart by the first character. Columns / keys:
// id, time, tz, window, url, url_match, method, status (see InquiryText).
// Every inquiry gets one answer, in input order; a row that cannot be read
// gets an answer with outcome "error" and the rest go on (exit code 2).
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <new>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

#include "engine/answer.h"
#include "engine/cli_common.h"
#include "engine/csv_reader.h"
#include "engine/json_lines.h"
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
  for_each_json_line(data, [&](uint64_t line_number, std::string_view line) {
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
  });
  return rows;
}

// Decoded blocks kept between inquiries, per worker: each holds a few MB.
constexpr size_t kCachedBlocks = 16;
// Archives kept open between inquiries, per worker (each holds its access
// points and a decoder, about 1 MB): enough for the logs of many virtual
// hosts covering the same hours.
constexpr size_t kKeptArchives = 16;
// Fewer inquiries than this per thread are not worth a thread.
constexpr size_t kMinInquiriesPerWorker = 64;

std::string render(const Answer& a, OutputFormat format, const IndexReader& index) {
  if (format == OutputFormat::kJsonl) return answer_to_json(a, index) + "\n";
  char* buffer = nullptr;
  size_t size = 0;
  FILE* out = open_memstream(&buffer, &size);
  if (!out) throw std::bad_alloc();
  if (format == OutputFormat::kCsv) {
    write_answer_csv(out, a);
  } else {
    write_answer_table(out, a);
    write_all(out, "\n");
  }
  std::fclose(out);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

}  // namespace

int cmd_batch(const Args& args) {
  std::string index_dir, file, tz, window, output = "jsonl";
  unsigned threads = 0;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory")
      ("tz", po::value(&tz), "zone of times without offset in rows without a tz (default: config tz, else UTC)")
      ("window", po::value(&window), "window for rows without one (default 60s)")
      ("output", po::value(&output)->default_value("jsonl"), "jsonl, csv or table")
      ("threads", po::value(&threads)->default_value(0), "worker threads (0: one per core)")
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
    // Answered in time order, so neighbouring inquiries reuse the blocks
    // just decoded; printed in input order.
    std::vector<Answer> answers;
    answers.reserve(rows.size());
    for (Row& row : rows) {
      if (row.text.window.empty()) row.text.window = window;
      answers.push_back(read_inquiry(row.text, zone));
      if (!row.error.empty()) answers.back().error = row.error;
    }
    std::vector<size_t> order(answers.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t x, size_t y) { return answers[x].query.at_us < answers[y].query.at_us; });
    // Each worker takes a contiguous run of the time order, with its own
    // cache; the index is read-only and shared.
    std::vector<std::string> printed(answers.size());
    const size_t workers = std::clamp<size_t>(threads ? threads : std::thread::hardware_concurrency(), 1,
                                              std::max<size_t>(1, order.size() / kMinInquiriesPerWorker));
    std::vector<std::thread> pool;
    std::exception_ptr failure;
    std::mutex failure_mutex;
    for (size_t w = 0; w < workers; ++w) {
      pool.emplace_back([&, w] {
        try {
          QuerySession session(index, kCachedBlocks, kKeptArchives);
          for (size_t k = order.size() * w / workers; k < order.size() * (w + 1) / workers; ++k) {
            Answer& a = answers[order[k]];
            if (a.outcome() != Outcome::kError) answer_inquiry(index, &a, &session);
            printed[order[k]] = render(a, *format, index);
            a.hits = {};  // only the printed answer is kept
          }
        } catch (...) {
          std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
        }
      });
    }
    for (std::thread& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    size_t bad = 0;
    if (*format == OutputFormat::kCsv) write_answer_csv_header(stdout);
    for (size_t i = 0; i < answers.size(); ++i) {
      const Answer& a = answers[i];
      if (a.outcome() == Outcome::kError) {
        ++bad;
        fail(kCommand, a.text.id + ": " + a.error, 0);
      }
      warn_zone_assumed(kCommand, a);
      write_all(stdout, printed[i]);
    }
    std::fprintf(stderr, "alcor batch: %zu inquiries, %zu answered, %zu with errors\n", rows.size(),
                 rows.size() - bad, bad);
    return bad ? kExitInput : kExitOk;
  } catch (const IndexError& e) {
    return fail(kCommand, e.what(), kExitIndex);
  }
}

}  // namespace alcor
