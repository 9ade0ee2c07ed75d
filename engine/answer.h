// One inquiry in, one answer out: the shared core of `alcor query --at` and
// `alcor batch`. An answer carries the asked time as read, the matches
// ranked by distance, and the coverage statement that tells "no match"
// (logs cover the time) from "no logs for that time".
#ifndef ALCOR_ENGINE_ANSWER_H_
#define ALCOR_ENGINE_ANSWER_H_

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/coverage.h"
#include "engine/query.h"
#include "engine/time_input.h"

namespace alcor {

// An inquiry as written: the options of `alcor query` or a row of a batch.
struct InquiryText {
  std::string id;
  std::string time;       // any form parse_asked_time reads
  std::string tz;         // zone of a time written without an offset; empty: the default zone
  std::string window;     // empty: 60s
  std::string url;        // full URL (selects the host) or /path?query
  std::string url_match;  // "exact" (empty), "prefix" or "regex"
  std::string method;     // empty: any
  std::string status;     // empty: any; "200", "2xx", "301,302", "400-499"
};

enum class Outcome : uint8_t {
  kMatch,    // at least one request matched
  kNoMatch,  // none matched, and logs cover the asked time
  kNoLogs,   // none matched, and the logs do not cover the time (gap, outside, no source)
  kError,    // the inquiry could not be read
};
std::string_view outcome_name(Outcome o);  // "match", "no_match", "no_logs", "error"

struct Answer {
  InquiryText text;
  std::string error;          // kError: "<field>: why"
  std::string error_field;    // kError: the InquiryText field at fault ("time", "url", ...)
  AskedTime asked;
  bool zone_assumed = false;  // a local time read as UTC because no zone was given or configured
  TimeUrlQuery query;
  std::vector<Hit> hits;      // ranked by distance
  Coverage coverage;

  Outcome outcome() const;
};

// Reads an inquiry into an answer to be filled; on a bad field the answer
// has outcome kError and says which field and why. `default_zone`: --tz or
// the config's tz, for times without an offset (nullopt: read as UTC, and
// the answer says so).
Answer read_inquiry(const InquiryText& text, const std::optional<std::string>& default_zone);

// Searches the index for a read inquiry (not kError): matches and coverage.
// `session` (optional) keeps decoded blocks and open archives for the next
// inquiries.
void answer_inquiry(const IndexReader& index, Answer* a, QuerySession* session = nullptr);

// One human sentence for the coverage of an answer (English), also put in
// the JSON so that every output says the same thing.
std::string coverage_statement(const Answer& a);

// The answer as one JSON object: id, outcome, error, asked {...}, matches
// [hit objects, output.h, ranked], coverage {...}, index_id, alcor_version.
std::string answer_to_json(const Answer& a, const IndexReader& index);

// CSV: one row per match, or a single row without match fields.
void write_answer_csv_header(FILE* out);
void write_answer_csv(FILE* out, const Answer& a);

// For people: the asked time, the matches, and the outcome spelled out.
void write_answer_table(FILE* out, const Answer& a);

}  // namespace alcor

#endif  // ALCOR_ENGINE_ANSWER_H_
