#include "tools/loggen/traffic.h"

#include <array>

namespace alcor::loggen {
namespace {

// User agents with rough shares (per mille of clients). Some carry UTF-8
// (in-app browsers, local crawlers), '"' or '\\', which Apache escapes;
// "-" is a missing header.
struct UserAgent {
  std::string_view text;
  double share;
};
constexpr std::array<UserAgent, 14> kUserAgents = {{
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 300},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", 280},
    {"Mozilla/5.0 (Linux; Android 14; SH-M26) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.107 Mobile Safari/537.36", 150},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15", 90},
    {"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", 40},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Line/14.19.1", 60},
    {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 15},
    {"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", 10},
    {"\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88\xe3\x83\x96\xe3\x83\xa9\xe3\x82\xa6\xe3\x82\xb6/2.1 (Android 13; \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e)", 15},
    {"Mozilla/5.0 (compatible; \"Kurage\" crawler; C:\\crawler\\1.0)", 5},
    {"curl/8.5.0", 10},
    {"python-requests/2.31.0", 10},
    {"Go-http-client/1.1", 5},
    {"-", 10},
}};

WeightedChoice user_agent_shares() {
  std::array<double, kUserAgents.size()> shares;
  for (size_t i = 0; i < kUserAgents.size(); ++i) shares[i] = kUserAgents[i].share;
  return WeightedChoice(shares);
}

constexpr std::array<std::string_view, 6> kExternalReferers = {
    "https://www.google.com/",
    "https://www.google.co.jp/search?q=%E6%9D%B1%E4%BA%AC+%E3%83%A9%E3%83%B3%E3%83%81",
    "https://search.yahoo.co.jp/search?p=%E8%B3%AA%E5%95%8F&ei=UTF-8",
    "https://t.co/Xq3bR9zKpL",
    "android-app://com.google.android.gm/",
    "https://blog.example.jp/\xe6\x97\xa5\xe8\xa8\x98/2025/",  // raw UTF-8 from a sloppy client
};

constexpr std::array<std::string_view, 4> kUsers = {"admin", "editor", "\xe7\x94\xb0\xe4\xb8\xad", "backup"};

std::string_view protocol(Rng& rng) {
  const uint64_t r = rng.below(100);
  return r < 70 ? "HTTP/1.1" : r < 98 ? "HTTP/2.0" : "HTTP/1.0";
}

// The status and body size for this request of `url`: the usual answer
// with the odd revalidation, missing file or crash.
void answer(Rng& rng, const Url& url, Request& r) {
  r.status = url.status;
  r.body_bytes = url.bytes;
  const uint64_t roll = rng.below(1000);
  switch (url.kind) {
    case UrlKind::kPage:
      if (roll < 20) r.status = 304, r.body_bytes = 0;
      else if (roll < 30) r.status = 404, r.body_bytes = 196;
      else if (roll < 35) r.status = 500, r.body_bytes = 531;
      else if (!url.post) r.body_bytes = url.bytes / 2 + static_cast<uint32_t>(rng.below(url.bytes));
      break;
    case UrlKind::kStatic:
      if (roll < 300) r.status = 304, r.body_bytes = 0;
      else if (roll < 315) r.status = 404, r.body_bytes = 196;
      break;
    case UrlKind::kPosting:
      if (roll < 60) r.status = 200, r.body_bytes = 2000 + static_cast<uint32_t>(rng.below(6000));
      else if (roll < 80) r.status = 500, r.body_bytes = 531;
      break;
    case UrlKind::kProbe:
    case UrlKind::kRedirect:
      break;
  }
}

}  // namespace

int64_t request_duration(Rng& rng) {
  const uint64_t r = rng.below(1000);
  if (r < 800) return 0;
  if (r < 980) return rng.between(1, 2);
  return rng.between(3, 30);  // uploads, slow clients, slow PHP
}

TrafficModel::TrafficModel(Rng& setup_rng, size_t site_count, size_t urls_per_site)
    : sites_(build_sites(setup_rng, site_count, urls_per_site)),
      site_popularity_(WeightedChoice::zipf(site_count, 0.8)),
      clients_(setup_rng, ClientPool::Shape{}, user_agent_shares()) {}

std::string_view TrafficModel::referer(Rng& rng, const Site& site) {
  const uint64_t r = rng.below(100);
  if (r < 45) return "-";
  if (r < 85) {
    // From another page of the same site.
    const Url& from = site.urls[site.popularity(rng)];
    referer_scratch_.assign(site.port == 443 ? "https://" : "http://");
    referer_scratch_ += site.host;
    referer_scratch_ += from.target;
    return referer_scratch_;
  }
  return kExternalReferers[rng.below(kExternalReferers.size())];
}

void TrafficModel::fill_client(Rng& rng, size_t client, Request& r) {
  const Connection c = clients_.connect(rng, client);
  r.client_ip = c.ip;
  r.client_port = c.port;
  r.user_agent = kUserAgents[c.user_agent].text;
  r.protocol = protocol(rng);
  if (rng.chance(0.003)) r.user = kUsers[rng.below(kUsers.size())];
}

Request TrafficModel::next(Rng& rng, int64_t write_time) {
  const Site& site = sites_[site_popularity_(rng)];
  const Url& url = site.urls[site.popularity(rng)];
  Request r;
  r.write_time = write_time;
  r.start_time = write_time - request_duration(rng);
  r.vhost = site.host;
  r.server_port = site.port;
  fill_client(rng, clients_.pick(rng), r);
  r.method = url.post ? "POST" : (rng.chance(0.005) ? "HEAD" : "GET");
  r.target = url.target;
  answer(rng, url, r);
  if (r.method == "HEAD") r.body_bytes = 0;
  r.referer = referer(rng, site);
  return r;
}

Request TrafficModel::posting(Rng& rng, size_t client, const Site& site, std::string_view target) {
  Request r;
  r.vhost = site.host;
  r.server_port = site.port;
  fill_client(rng, client, r);
  r.method = "POST";
  r.target = target;
  r.status = 302;
  r.referer = "-";
  return r;
}

}  // namespace alcor::loggen
