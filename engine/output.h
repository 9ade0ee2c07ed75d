// Printing query answers: JSON Lines (default), CSV or a table for people.
#ifndef ALCOR_ENGINE_OUTPUT_H_
#define ALCOR_ENGINE_OUTPUT_H_

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query.h"
#include "index/json_writer.h"

namespace alcor {

enum class OutputFormat { kJsonl, kCsv, kTable };

std::optional<OutputFormat> parse_output_format(std::string_view name);

// One JSON object per hit: time (RFC 3339, the log's own offset), time_utc,
// ip, port (null when not logged), method, url, host (null when unknown),
// status, source {path, sha256, line, offset, format}, raw (plus raw_base64
// when the line is not valid UTF-8, so the exact bytes survive), user_agent,
// time_offset ("logged", or how the offset was supplied: "zone",
// "ambiguous", "nonexistent"), time_precision ("s", "ms", "us"),
// time_meaning ("request_start", "log_write"), duration_s (null when not
// logged). `ranked` (time-URL answers) adds distance_s, offset_s and
// widened_by_s (see Hit).
std::string hit_to_json(const Hit& hit, bool ranked = false);
void write_hit_json(JsonWriter& w, const Hit& hit, bool ranked);

// Fixed-width text table of rows under headers, two spaces between columns.
void write_text_table(FILE* out, const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows);

// fwrite of all of `bytes` (text may hold NUL bytes from a raw line).
void write_all(FILE* out, std::string_view bytes);

// A CSV field, quoted when it must be; a row of them ending in '\n'.
std::string csv_field(std::string_view s);
std::string csv_row(const std::vector<std::string>& fields);

// The columns of a hit in a table for people (time, ip, port, method,
// status, host, url, source) and its cells ("-" for a missing value).
const std::vector<std::string>& hit_table_header();
std::vector<std::string> hit_table_cells(const Hit& hit);

// The CSV columns of a hit (time, time_utc, ip, port, ..., raw) and its values.
const std::vector<std::string>& hit_csv_header();
std::vector<std::string> hit_csv_values(const Hit& hit);

// Seconds as a decimal without trailing zeros: 1500000 -> "1.5".
std::string seconds_text(int64_t us);

void write_hits(FILE* out, const std::vector<Hit>& hits, OutputFormat format);

// An address answer: its page of hits, then, when that page is not the
// whole evidence-checked answer (more matches than shown, or lines not read
// back), a statement saying so — in band for JSON Lines (a last object
// {"summary": {...}}) and tables (a last line), on `note` for CSV, whose
// rows have fixed columns. Returns the statement ("" when none is due).
std::string write_address_answer(FILE* out, FILE* note, const AddressAnswer& a, const AddressQuery& q,
                                 OutputFormat format);

}  // namespace alcor

#endif  // ALCOR_ENGINE_OUTPUT_H_
