// Evidence: the raw line of each hit, read back from its original archive
// and parsed again with the format and options recorded for its source.
//
// The index stores no log text, so this is where an answer gets its `raw`
// line, its exact byte offset and the fields only the line carries (user
// agent, referer, ...). The re-parsed line must agree with what the index
// recorded (time, address, port); if the archive changed since it was
// indexed, the hit says so instead of quoting a line that is not the one that
// was indexed. Compressed archives are entered at the nearest access point
// recorded at ingest (parsers/random_access_reader.h), so a line costs about
// a millisecond however large the archive.
#ifndef ALCOR_ENGINE_EVIDENCE_H_
#define ALCOR_ENGINE_EVIDENCE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "index/index_reader.h"
#include "parsers/line_parser.h"

namespace alcor {

struct Hit;

class RandomAccessReader;

class EvidenceReader {
 public:
  // Keeps up to `kept_archives` archives open between fill() calls, each
  // with its access points loaded and its decoder where it stopped: a batch
  // asks, in time order, for lines a little further on in the same archive,
  // which the kept decoder reaches by decoding on instead of starting over
  // at an access point.
  explicit EvidenceReader(const IndexReader& index, size_t kept_archives = 0);
  ~EvidenceReader();
  EvidenceReader(const EvidenceReader&) = delete;
  EvidenceReader& operator=(const EvidenceReader&) = delete;

  // Fills raw and the evidence fields of every hit, or its evidence_error,
  // and drops hits whose line shows a URL that only shared the asked one's
  // key.
  void fill(std::vector<Hit>& hits);

 private:
  void fill_each(std::vector<Hit>& hits);
  LineParser* parser_for(const SourceEntry& s, std::string* error);
  // The archive of `s` through its access points (opened, or kept from an
  // earlier fill); nullptr with *error when it cannot be opened, and with
  // *error empty when the source has no access points.
  RandomAccessReader* archive(const SourceEntry& s, std::string* error);

  const IndexReader& index_;
  std::map<uint32_t, std::unique_ptr<LineParser>> parsers_;
  size_t kept_archives_;
  // Most recently used last; only the one in use when kept_archives_ is 0.
  std::vector<std::pair<uint32_t, std::unique_ptr<RandomAccessReader>>> archives_;
};

}  // namespace alcor

#endif  // ALCOR_ENGINE_EVIDENCE_H_
