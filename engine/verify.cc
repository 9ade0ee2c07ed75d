#include "engine/verify.h"

#include <set>

#include "index/index_reader.h"
#include "parsers/source_reader.h"
#include "parsers/stored_input.h"

namespace alcor {
namespace {

void check_sources(const Manifest& m, VerifyReport* report) {
  for (const SourceEntry& s : m.sources) {
    if (s.path == "-") continue;  // standard input: its lines live in the index
    ++report->sources_checked;
    std::string error;
    std::unique_ptr<StoredInput> in = StoredInput::open(s.path, &error);
    if (!in) {
      report->problems.push_back("source " + s.path + ": " + error);
      continue;
    }
    in->drain();
    if (in->stored_bytes() != s.size || to_hex(in->sha256()) != s.sha256) {
      report->problems.push_back("source " + s.path + " differs from what was indexed (size " +
                                 std::to_string(in->stored_bytes()) + ", was " + std::to_string(s.size) +
                                 "; SHA-256 " + to_hex(in->sha256()) + ", was " + s.sha256 + ")");
    }
  }
}

}  // namespace

VerifyReport verify_index(const std::filesystem::path& dir, bool with_sources) {
  VerifyReport report;
  std::unique_ptr<IndexReader> index;
  try {
    index = std::make_unique<IndexReader>(dir);
  } catch (const IndexError& e) {
    report.problems.push_back(e.what());
    return report;
  }
  const Manifest& m = index->manifest();
  std::set<uint32_t> listed;
  for (const SourceEntry& s : m.sources) listed.insert(s.id);

  for (size_t i = 0; i < index->segments().size(); ++i) {
    const SegmentReader& seg = index->segments()[i];
    ++report.segments;
    uint64_t records = 0;
    for (size_t b = 0; b < seg.blocks().size(); ++b) {
      ++report.blocks;
      try {
        std::vector<StoredRecord> recs = seg.read_fields(b);
        seg.read_lines(b, &recs);
        records += recs.size();
        for (const StoredRecord& r : recs) {
          if (!listed.count(r.source.source_id)) {
            report.problems.push_back("segment " + seg.name() + " block " + std::to_string(b) +
                                      " holds records of source " + std::to_string(r.source.source_id) +
                                      ", which the manifest does not list as complete");
            break;
          }
        }
      } catch (const IndexError& e) {
        report.problems.push_back(e.what());
      }
    }
    report.records += records;
    if (records != m.segments[i].records) {
      report.problems.push_back("segment " + seg.name() + " holds " + std::to_string(records) +
                                " records, the manifest says " + std::to_string(m.segments[i].records));
    }
  }
  if (with_sources) check_sources(m, &report);
  return report;
}

}  // namespace alcor
