// Reads alcor-loggen's ground truth (--truth, JSON Lines) for the tests that
// check the generator and the ones that check alcor against it.
#ifndef ALCOR_TESTS_LOGGEN_TRUTH_H_
#define ALCOR_TESTS_LOGGEN_TRUTH_H_

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace alcor::testing {

// One logged request of a planted posting or of one of its decoys.
struct LoggedRequest {
  std::string time_utc, time_local, ip, method, file;
  int64_t epoch = 0, port = 0, line = 0;
};

struct TruthEntry {
  std::string host, url, path_and_query, client_kind;
  LoggedRequest posting;
  std::vector<LoggedRequest> decoys;
};

inline LoggedRequest read_logged_request(simdjson::dom::element e) {
  LoggedRequest r;
  r.time_utc = std::string(std::string_view(e["time_utc"]));
  r.time_local = std::string(std::string_view(e["time_local"]));
  r.ip = std::string(std::string_view(e["ip"]));
  r.method = std::string(std::string_view(e["method"]));
  r.file = std::string(std::string_view(e["file"]));
  r.epoch = int64_t(e["epoch"]);
  r.port = int64_t(e["port"]);
  r.line = int64_t(e["line"]);
  return r;
}

// Throws simdjson_error when a line is not a truth entry.
inline std::vector<TruthEntry> parse_truth(std::string_view jsonl) {
  std::vector<TruthEntry> out;
  simdjson::dom::parser parser;
  size_t from = 0;
  while (from < jsonl.size()) {
    size_t nl = jsonl.find('\n', from);
    if (nl == std::string_view::npos) nl = jsonl.size();
    simdjson::dom::element e = parser.parse(simdjson::padded_string(jsonl.substr(from, nl - from)));
    TruthEntry t;
    t.host = std::string(std::string_view(e["host"]));
    t.url = std::string(std::string_view(e["url"]));
    t.path_and_query = std::string(std::string_view(e["path_and_query"]));
    t.client_kind = std::string(std::string_view(e["client_kind"]));
    t.posting = read_logged_request(e);
    for (simdjson::dom::element d : simdjson::dom::array(e["decoys"])) t.decoys.push_back(read_logged_request(d));
    out.push_back(std::move(t));
    from = nl + 1;
  }
  return out;
}

}  // namespace alcor::testing

#endif  // ALCOR_TESTS_LOGGEN_TRUTH_H_
