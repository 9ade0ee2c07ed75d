// Background traffic: who requests what, how the server answers, and how
// long it takes. Everything a line needs comes from tables built once, so
// drawing a request allocates nothing.
#ifndef ALCOR_TOOLS_LOGGEN_TRAFFIC_H_
#define ALCOR_TOOLS_LOGGEN_TRAFFIC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tools/loggen/clients.h"
#include "tools/loggen/request.h"
#include "tools/loggen/rng.h"
#include "tools/loggen/sites.h"
#include "tools/loggen/weighted_choice.h"

namespace alcor::loggen {

class TrafficModel {
 public:
  TrafficModel(Rng& setup_rng, size_t site_count, size_t urls_per_site);

  // A request that finished (and was logged) at `write_time`. Views into
  // the model stay valid until the next call.
  Request next(Rng& rng, int64_t write_time);

  // A request from `client` to a given URL, for planted postings and their
  // decoys; the caller sets the times.
  Request posting(Rng& rng, size_t client, const Site& site, std::string_view target);

  const std::vector<Site>& sites() const { return sites_; }
  ClientPool& clients() { return clients_; }

 private:
  void fill_client(Rng& rng, size_t client, Request& r);
  std::string_view referer(Rng& rng, const Site& site);

  std::vector<Site> sites_;
  WeightedChoice site_popularity_;
  ClientPool clients_;
  std::string referer_scratch_;
};

// How long a request took: Apache logs its start (%t) but writes the line at
// its end, so long requests appear out of order by up to this much.
int64_t request_duration(Rng& rng);

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_TRAFFIC_H_
