// Printing query answers: JSON Lines (default), CSV or a table for people.
#ifndef ALCOR_ENGINE_OUTPUT_H_
#define ALCOR_ENGINE_OUTPUT_H_

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query.h"

namespace alcor {

enum class OutputFormat { kJsonl, kCsv, kTable };

std::optional<OutputFormat> parse_output_format(std::string_view name);

// One JSON object per hit: time (RFC 3339, the log's own offset), time_utc,
// ip, port (null when not logged), method, url, host (null when unknown),
// status, source {path, sha256, line, offset}, raw (plus raw_base64 when the
// line is not valid UTF-8, so the exact bytes survive).
std::string hit_to_json(const Hit& hit);

void write_hits(FILE* out, const std::vector<Hit>& hits, OutputFormat format);

}  // namespace alcor

#endif  // ALCOR_ENGINE_OUTPUT_H_
