// Planted postings: POSTs to posting URLs at known times from known
// (IP, port) pairs, the ground truth that end-to-end tests and benchmarks
// query for. Around each, decoy requests to the same URL from other clients
// 3..10 minutes before and after: a ±60 s query must exclude them, a
// ±15 min query must include them. Several plants come from CGN addresses
// whose other subscribers also post (one decoy shares the address and
// differs only by port).
#ifndef ALCOR_TOOLS_LOGGEN_PLANTING_H_
#define ALCOR_TOOLS_LOGGEN_PLANTING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tools/loggen/clients.h"
#include "tools/loggen/request.h"
#include "tools/loggen/rng.h"
#include "tools/loggen/traffic.h"

namespace alcor::loggen {

// Where a line landed: the file's name and its 1-based line number in the
// decompressed file.
struct Placement {
  std::string file;
  uint64_t line = 0;
};

struct PlantedLine {
  Request request;
  Placement placement;  // filled in by the corpus writer
};

struct Plant {
  uint32_t id = 0;
  const Site* site = nullptr;
  std::string target;   // path and query, unique to this plant in the corpus
  std::string referer;  // the thread page the form was on
  ClientKind client_kind = ClientKind::kIpv4;
  PlantedLine posting;
  std::vector<PlantedLine> decoys;
};

class PlantingPlan {
 public:
  // Plants `count` postings with times in [first_time, last_time], which
  // must leave room for the decoys inside the corpus span.
  PlantingPlan(Rng& rng, TrafficModel& traffic, uint32_t count, int64_t first_time, int64_t last_time);
  // Requests hold views into the plants' strings: the plan stays put.
  PlantingPlan(const PlantingPlan&) = delete;
  PlantingPlan& operator=(const PlantingPlan&) = delete;

  // Every planted line (postings and decoys) in the order the server
  // writes them; the corpus writer fills in their placements.
  std::vector<PlantedLine*> lines_by_write_time();

  const std::vector<Plant>& plants() const { return plants_; }

 private:
  std::vector<Plant> plants_;
};

// The decoy offsets from the planted time, in seconds.
inline constexpr int64_t kDecoyMinOffset = 3 * 60;
inline constexpr int64_t kDecoyMaxOffset = 10 * 60;

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_PLANTING_H_
