// Evidence: the raw line of each hit, read back from its original archive
// and parsed again with the format and options recorded for its source.
//
// The index stores no log text, so this is where an answer gets its `raw`
// line and the fields only the line carries (user agent, referer, ...). The
// re-parsed line must agree with what the index recorded (time, address,
// port, URL); if the archive changed since it was indexed, the hit says so
// instead of quoting a line that is not the one that was indexed.
#ifndef ALCOR_ENGINE_EVIDENCE_H_
#define ALCOR_ENGINE_EVIDENCE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "index/manifest.h"
#include "parsers/line_parser.h"

namespace alcor {

struct Hit;

class EvidenceReader {
 public:
  explicit EvidenceReader(const Manifest& manifest) : manifest_(manifest) {}

  // Fills raw and the evidence fields of every hit, or its evidence_error.
  void fill(std::vector<Hit>& hits);

 private:
  LineParser* parser_for(const SourceEntry& s, std::string* error);

  const Manifest& manifest_;
  std::map<uint32_t, std::unique_ptr<LineParser>> parsers_;
};

}  // namespace alcor

#endif  // ALCOR_ENGINE_EVIDENCE_H_
