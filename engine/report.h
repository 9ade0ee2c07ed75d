// `alcor report`: answers (JSON Lines from `alcor batch` or `alcor query
// --at`) turned into a document an abuse desk reviews and sends: per
// inquiry the asked time and URL, each matching request (time in JST, UTC
// and as logged; address, port, method, status, user agent), the evidence
// trail, the coverage statement, the access provider from the registry,
// and pre-flight warnings about what the provider will be unable to use.
// Labels are Japanese with English. The same answers give the same bytes:
// the report holds no "generated at" time and keeps the input order.
#ifndef ALCOR_ENGINE_REPORT_H_
#define ALCOR_ENGINE_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/report_document.h"
#include "parsers/ip_address.h"

namespace alcor {

namespace registry {
class RegistryIndex;
}

struct ReportOptions {
  std::string title = "アクセス記録照会 回答 / Access log inquiry answer";
  std::vector<IpPrefix> proxies;                  // known proxies / load balancers
  const registry::RegistryIndex* registry = nullptr;  // access provider lookup; none when null
};

// Builds the report; throws std::runtime_error naming the line of an answer
// that is not one.
Document build_report(std::string_view answers_jsonl, const ReportOptions& options);

}  // namespace alcor

#endif  // ALCOR_ENGINE_REPORT_H_
