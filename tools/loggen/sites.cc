#include "tools/loggen/sites.h"

#include <array>
#include <string_view>

namespace alcor::loggen {
namespace {

constexpr uint32_t kBackgroundThreads = 50000;  // < kPlantedThreadBase

// Search words as browsers send them (percent-encoded UTF-8 and '+').
constexpr std::array<std::string_view, 8> kSearchWords = {
    "%E6%9D%B1%E4%BA%AC", "%E5%A4%A7%E9%98%AA%E3%80%80%E3%83%A9%E3%83%B3%E3%83%81", "iphone+case",
    "%E3%83%86%E3%82%B9%E3%83%88", "caf%C3%A9", "wordpress+plugin", "%E8%B3%AA%E5%95%8F", "a%26b"};

// What scanners ask every host for. Some carry '"' and '\', which the log
// escapes, and raw bytes from hand-made requests.
constexpr std::array<std::string_view, 9> kProbes = {
    "/.env",
    "/.git/config",
    "/phpmyadmin/index.php",
    "/wp-login.php",
    "/cgi-bin/.%2e/.%2e/.%2e/bin/sh",
    "/index.php?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=md5",
    "/search?q=\"><script>alert(1)</script>",
    "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
    "/admin/\x83\x81\x83" "C\x83\x93.php",  // Shift_JIS bytes sent raw
};

class UrlListBuilder {
 public:
  UrlListBuilder(Rng& rng, std::vector<Url>& urls) : rng_(rng), urls_(urls) {}

  void page(std::string target) { add(std::move(target), UrlKind::kPage, false, 200, page_size()); }
  void file(std::string target, uint32_t max_bytes) {
    add(std::move(target), UrlKind::kStatic, false, 200, static_cast<uint32_t>(rng_.between(200, max_bytes)));
  }
  void posting(std::string target) { add(std::move(target), UrlKind::kPosting, true, 302, 0); }
  void redirect(std::string target, uint16_t status) {
    add(std::move(target), UrlKind::kRedirect, false, status, status == 301 ? 235 : 0);
  }
  void probe(std::string_view target) { add(std::string(target), UrlKind::kProbe, false, 404, 196); }
  void ajax(std::string target) { add(std::move(target), UrlKind::kPage, true, 200, 47); }

  uint32_t thread() { return static_cast<uint32_t>(rng_.between(1, kBackgroundThreads - 1)); }
  uint32_t small(uint32_t max) { return static_cast<uint32_t>(rng_.between(1, max)); }
  std::string_view word() { return kSearchWords[rng_.below(kSearchWords.size())]; }

 private:
  uint32_t page_size() { return static_cast<uint32_t>(rng_.between(3000, 90000)); }
  void add(std::string target, UrlKind kind, bool post, uint16_t status, uint32_t bytes) {
    urls_.push_back({std::move(target), kind, post, status, bytes});
  }

  Rng& rng_;
  std::vector<Url>& urls_;
};

using std::to_string;

void add_bbs_query_url(UrlListBuilder& b) {
  const std::string t = to_string(b.thread());
  switch (b.small(6)) {
    case 1: b.page("/bbs/read.php?thread=" + t); break;
    case 2: b.page("/bbs/read.php?thread=" + t + "&page=" + to_string(b.small(30))); break;
    case 3: b.posting("/bbs/post.php?thread=" + t); break;
    case 4: b.page("/bbs/search.php?q=" + std::string(b.word()) + "&mode=all"); break;
    case 5: b.file("/bbs/img/" + t + "_" + to_string(b.small(9)) + ".jpg", 400000); break;
    default: b.page("/bbs/list.php?board=" + to_string(b.small(40)) + "&page=" + to_string(b.small(20)));
  }
}

void add_bbs_path_url(UrlListBuilder& b) {
  const std::string t = to_string(b.thread());
  switch (b.small(5)) {
    case 1: b.page("/bbs/thread/" + t + "/"); break;
    case 2: b.page("/bbs/thread/" + t + "/?page=" + to_string(b.small(30))); break;
    case 3: b.posting("/bbs/thread/" + t + "/reply"); break;
    case 4: b.page("/bbs/board/" + to_string(b.small(40)) + "/"); break;
    default: b.file("/bbs/attach/" + t + "/" + to_string(b.small(99)) + ".png", 300000);
  }
}

void add_wordpress_url(UrlListBuilder& b) {
  const std::string month = to_string(b.small(12));
  const std::string n = to_string(b.small(3000));
  switch (b.small(6)) {
    case 1: b.page("/2025/" + month + "/post-" + n + "/"); break;
    case 2: b.page("/?p=" + n); break;
    case 3: b.file("/wp-content/uploads/2025/" + month + "/img-" + n + ".jpg", 500000); break;
    case 4: b.page("/category/news/page/" + to_string(b.small(50)) + "/"); break;
    case 5: b.page("/wp-json/wp/v2/posts?per_page=10&page=" + to_string(b.small(40))); break;
    // Tag archives in Japanese: percent-encoded by browsers, raw UTF-8 by some bots.
    default: b.page(b.small(4) == 1 ? "/tag/\xe6\x9d\xb1\xe4\xba\xac/page/" + n + "/"
                                    : "/tag/%E6%9D%B1%E4%BA%AC/page/" + n + "/");
  }
}

void add_shop_url(UrlListBuilder& b) {
  const std::string n = to_string(b.small(20000));
  switch (b.small(5)) {
    case 1: b.page("/products/" + n); break;
    case 2: b.page("/products/" + n + "?variant=" + to_string(b.small(8))); break;
    case 3: b.page("/search?q=" + std::string(b.word())); break;
    case 4: b.page("/category/" + to_string(b.small(60)) + "?page=" + to_string(b.small(20)) + "&sort=price"); break;
    default: b.file("/images/products/" + n + "_" + to_string(b.small(6)) + ".jpg", 250000);
  }
}

// The top of every site's popularity list: what every visit fetches.
void add_common_head(UrlListBuilder& b, SiteStyle style) {
  b.page("/");
  b.file("/favicon.ico", 5430);
  b.file("/css/style.css?v=" + std::to_string(b.small(9)), 40000);
  b.file("/js/app.js?ver=5.8." + std::to_string(b.small(3)), 90000);
  switch (style) {
    case SiteStyle::kBbsQuery:
    case SiteStyle::kBbsPath:
      b.page("/bbs/");
      b.redirect("/bbs", 301);
      break;
    case SiteStyle::kWordpress:
      b.page("/feed/");
      b.posting("/wp-comments-post.php");
      b.ajax("/wp-admin/admin-ajax.php");
      b.page("/wp-login.php");
      b.posting("/wp-login.php");
      b.ajax("/xmlrpc.php");
      break;
    case SiteStyle::kShop:
      b.posting("/cart/add");
      b.redirect("/login", 302);
      break;
  }
  b.file("/robots.txt", 120);
  b.redirect("/index.html", 301);
}

}  // namespace

std::vector<Site> build_sites(Rng& rng, size_t count, size_t urls_per_site) {
  static constexpr std::array<SiteStyle, 5> kStyleCycle = {SiteStyle::kBbsQuery, SiteStyle::kWordpress,
                                                           SiteStyle::kBbsPath, SiteStyle::kShop,
                                                           SiteStyle::kWordpress};
  std::vector<Site> sites;
  sites.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    Site s{"site" + std::to_string(i + 1) + ".example", static_cast<uint16_t>(i % 7 == 6 ? 80 : 443),
           kStyleCycle[i % kStyleCycle.size()], {}, {}};
    UrlListBuilder b(rng, s.urls);
    add_common_head(b, s.style);
    while (s.urls.size() < urls_per_site) {
      // Probes are spread through the tail: scanners are frequent but each
      // one asks only once.
      if (rng.chance(0.02)) {
        b.probe(kProbes[rng.below(kProbes.size())]);
        continue;
      }
      switch (s.style) {
        case SiteStyle::kBbsQuery: add_bbs_query_url(b); break;
        case SiteStyle::kBbsPath: add_bbs_path_url(b); break;
        case SiteStyle::kWordpress: add_wordpress_url(b); break;
        case SiteStyle::kShop: add_shop_url(b); break;
      }
    }
    s.popularity = WeightedChoice::zipf(s.urls.size(), 1.0);
    sites.push_back(std::move(s));
  }
  return sites;
}

std::string planted_posting_target(const Site& site, uint32_t plant_id) {
  const std::string thread = std::to_string(kPlantedThreadBase + plant_id);
  return site.style == SiteStyle::kBbsPath ? "/bbs/thread/" + thread + "/reply"
                                           : "/bbs/post.php?thread=" + thread;
}

}  // namespace alcor::loggen
