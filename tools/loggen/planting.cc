#include "tools/loggen/planting.h"

#include <algorithm>
#include <stdexcept>

namespace alcor::loggen {
namespace {

// Plants come from every kind of client except IPv4-mapped ones, whose
// logged text ("::ffff:a.b.c.d") is not the address the truth names.
size_t pick_client(Rng& rng, const ClientPool& pool, ClientKind kind) {
  for (;;) {
    const size_t i = rng.below(pool.size());
    if (pool.client(i).kind == kind) return i;
  }
}

ClientKind plant_client_kind(uint32_t id) {
  switch (id % 3) {
    case 0: return ClientKind::kCgnat;
    case 1: return ClientKind::kIpv4;
    default: return ClientKind::kIpv6;
  }
}

// Any other active client that logs its address as the truth names it.
size_t pick_other_client(Rng& rng, const ClientPool& pool, size_t client) {
  for (;;) {
    const size_t i = pool.pick(rng);
    if (i != client && pool.client(i).kind != ClientKind::kMappedIpv4) return i;
  }
}

// Another subscriber behind the same CGN address.
size_t pick_address_neighbour(Rng& rng, const ClientPool& pool, size_t client) {
  const uint32_t address = pool.client(client).address;
  for (;;) {
    const size_t i = rng.below(pool.size());
    if (i != client && pool.client(i).address == address) return i;
  }
}

}  // namespace

PlantingPlan::PlantingPlan(Rng& rng, TrafficModel& traffic, uint32_t count, int64_t first_time,
                           int64_t last_time) {
  if (count == 0) return;
  if (last_time < first_time) throw std::invalid_argument("the time span is too short for planted postings");
  std::vector<const Site*> boards;
  for (const Site& s : traffic.sites())
    if (s.has_thread_postings()) boards.push_back(&s);
  if (boards.empty()) throw std::invalid_argument("planted postings need a bulletin-board site");

  ClientPool& pool = traffic.clients();
  plants_.reserve(count);  // no reallocation: requests view the strings
  for (uint32_t id = 0; id < count; ++id) {
    Plant& p = plants_.emplace_back();
    p.id = id;
    p.site = boards[rng.below(boards.size())];
    p.target = planted_posting_target(*p.site, id);
    // The form sits on the thread page: the posting URL without "post".
    p.referer = std::string(p.site->port == 443 ? "https://" : "http://") + p.site->host +
                (p.site->style == SiteStyle::kBbsPath ? p.target.substr(0, p.target.size() - 5)
                                                      : "/bbs/read.php?thread=" + std::to_string(kPlantedThreadBase + id));
    p.client_kind = plant_client_kind(id);

    const size_t client = pick_client(rng, pool, p.client_kind);
    const int64_t time = rng.between(first_time, last_time);
    auto line = [&](size_t from, int64_t start) {
      Request r = traffic.posting(rng, from, *p.site, p.target);
      r.start_time = start;
      r.write_time = start + rng.between(0, 2);
      r.referer = p.referer;
      return PlantedLine{r, {}};
    };
    p.posting = line(client, time);

    // One decoy before and two after; behind a CGN one of them is a
    // neighbour on the same address, so only the port tells them apart.
    const int64_t offsets[] = {-rng.between(kDecoyMinOffset, kDecoyMaxOffset),
                               rng.between(kDecoyMinOffset, kDecoyMaxOffset),
                               rng.between(kDecoyMinOffset, kDecoyMaxOffset)};
    for (size_t d = 0; d < std::size(offsets); ++d) {
      const size_t from = p.client_kind == ClientKind::kCgnat && d == 1
                              ? pick_address_neighbour(rng, pool, client)
                              : pick_other_client(rng, pool, client);
      PlantedLine& decoy = p.decoys.emplace_back(line(from, time + offsets[d]));
      // Some decoys open the form rather than post it.
      if (d == 2 && rng.chance(0.5)) {
        decoy.request.method = "GET";
        decoy.request.status = 200;
        decoy.request.body_bytes = static_cast<uint32_t>(rng.between(4000, 9000));
      }
    }
  }
}

std::vector<PlantedLine*> PlantingPlan::lines_by_write_time() {
  std::vector<PlantedLine*> lines;
  for (Plant& p : plants_) {
    lines.push_back(&p.posting);
    for (PlantedLine& d : p.decoys) lines.push_back(&d);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const PlantedLine* a, const PlantedLine* b) {
    return a->request.write_time < b->request.write_time;
  });
  return lines;
}

}  // namespace alcor::loggen
