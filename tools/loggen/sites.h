// The virtual hosts of one shared-hosting server and the URLs people request
// on each, ordered by popularity (rank 0 most popular, Zipf below it).
#ifndef ALCOR_TOOLS_LOGGEN_SITES_H_
#define ALCOR_TOOLS_LOGGEN_SITES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tools/loggen/rng.h"
#include "tools/loggen/weighted_choice.h"

namespace alcor::loggen {

enum class UrlKind : uint8_t {
  kPage,     // dynamic HTML: size varies per request
  kStatic,   // a file: fixed size, often revalidated (304)
  kPosting,  // a form target: POST answered by a redirect
  kProbe,    // scanners looking for holes
  kRedirect, // moved pages, answered 301/302
};

struct Url {
  std::string target;  // path and query as sent (percent-encoded, or raw UTF-8 from sloppy clients)
  UrlKind kind;
  bool post;
  uint16_t status;  // usual answer
  uint32_t bytes;   // usual body size
};

enum class SiteStyle : uint8_t { kBbsQuery, kBbsPath, kWordpress, kShop };

struct Site {
  std::string host;
  uint16_t port;  // 443, or 80 for the few plain-HTTP sites
  SiteStyle style;
  std::vector<Url> urls;
  WeightedChoice popularity;

  // Bulletin boards have per-thread posting URLs, which the planted postings
  // need: each planted posting gets a URL of its own.
  bool has_thread_postings() const { return style == SiteStyle::kBbsQuery || style == SiteStyle::kBbsPath; }
};

std::vector<Site> build_sites(Rng& rng, size_t count, size_t urls_per_site);

// The posting URL of planted posting `plant_id` on a bulletin-board site.
// Thread ids from kPlantedThreadBase up never occur in background traffic,
// so within the corpus only the planted posting and its decoys request it.
constexpr uint32_t kPlantedThreadBase = 900000;
std::string planted_posting_target(const Site& site, uint32_t plant_id);

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_SITES_H_
