// alcor-query-latency: in-process latency of the questions an abuse desk
// asks, over the planted postings of an alcor-loggen corpus.
//
//   alcor-query-latency --index DIR --truth TRUTH.jsonl [--queries N] [--address-queries M]
//
// Issue 5 bounds the time+URL query *inside* the process (start-up and
// output are not the index's cost), so this opens the index once and times
// each question with a steady clock around the same calls `alcor query` and
// `alcor batch` make, evidence read-back from the archives included:
//   time+URL: the posting's local time, +-60 s, its full URL (answer_inquiry);
//   IP:       the posting's address over its local day (find_address), the
//             first page of 100 matches with evidence, as the CLI shows it;
//   CIDR:     its /24 (IPv4) or /48 (IPv6) over the same day, likewise.
// Every question runs once to warm the page cache, then once timed. A
// time+URL answer counts as found when a match has the planted address and
// port; the tool exits 1 when any posting is not found, so a fast wrong
// answer cannot pass for a result.
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "engine/answer.h"
#include "engine/query.h"
#include "index/index_reader.h"
#include "parsers/ip_address.h"

namespace alcor {
namespace {

struct Posting {
  std::string url;
  std::string time_local;  // RFC 3339 with the server's offset
  int64_t epoch_s = 0;
  std::string ip;
  int64_t port = 0;
};

std::vector<Posting> read_truth(const std::string& path, size_t limit) {
  simdjson::dom::parser parser;
  std::vector<Posting> out;
  for (simdjson::dom::element e : parser.load_many(path)) {
    if (out.size() == limit) break;
    Posting p;
    p.url = std::string(std::string_view(e["url"]));
    p.time_local = std::string(std::string_view(e["time_local"]));
    p.epoch_s = int64_t(e["epoch"]);
    p.ip = std::string(std::string_view(e["ip"]));
    p.port = int64_t(e["port"]);
    out.push_back(std::move(p));
  }
  return out;
}

constexpr uint64_t kAddressPage = 100;

// [start, end] of the posting's local day, in UTC microseconds.
std::pair<int64_t, int64_t> local_day_us(const Posting& p) {
  // time_local ends in +hh:mm or -hh:mm.
  std::string_view z = std::string_view(p.time_local).substr(p.time_local.size() - 6);
  int64_t offset_s = (std::stoi(std::string(z.substr(1, 2))) * 60 + std::stoi(std::string(z.substr(4, 2)))) * 60;
  if (z[0] == '-') offset_s = -offset_s;
  int64_t local = p.epoch_s + offset_s;
  int64_t day_start = (local - ((local % 86400) + 86400) % 86400) - offset_s;
  return {day_start * 1000000, (day_start + 86400) * 1000000 - 1};
}

class Latencies {
 public:
  template <typename Fn>
  auto time(Fn&& fn) {
    auto t0 = std::chrono::steady_clock::now();
    auto result = fn();
    ms_.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    return result;
  }
  void print(const char* what) {
    std::sort(ms_.begin(), ms_.end());
    auto at = [&](double q) { return ms_.empty() ? 0.0 : ms_[std::min(ms_.size() - 1, size_t(q * ms_.size()))]; };
    std::printf("%-9s n=%zu median_ms=%.3f p99_ms=%.3f max_ms=%.3f\n", what, ms_.size(), at(0.5), at(0.99),
                ms_.empty() ? 0.0 : ms_.back());
  }

 private:
  std::vector<double> ms_;
};

// The first `address_limit` postings are also asked as IP and CIDR queries.
int run(const std::string& index_dir, const std::string& truth, size_t limit, size_t address_limit) {
  IndexReader index(index_dir);
  std::vector<Posting> postings = read_truth(truth, limit);
  Latencies url_ms, ip_ms, cidr_ms;
  size_t found = 0;
  QueryStats url_stats;
  uint64_t ip_hits = 0, cidr_hits = 0;
  for (int pass = 0; pass < 2; ++pass) {
    const bool timed = pass == 1;
    for (size_t i = 0; i < postings.size(); ++i) {
      const Posting& p = postings[i];
      InquiryText text;
      text.time = p.time_local;
      text.window = "60s";
      text.url = p.url;
      Answer a = read_inquiry(text, std::nullopt);
      if (a.outcome() == Outcome::kError) {
        std::fprintf(stderr, "alcor-query-latency: %s: %s\n", p.url.c_str(), a.error.c_str());
        return 1;
      }
      if (timed) {
        url_ms.time([&] {
          answer_inquiry(index, &a);
          return 0;
        });
      } else {
        // The warm-up pass also counts what the index makes a query touch.
        QueryStats one;
        find_time_url(index, a.query, &one);
        url_stats.blocks_total += one.blocks_total;
        url_stats.blocks_read += one.blocks_read;
        url_stats.records_checked += one.records_checked;
      }
      const IpAddress ip = *IpAddress::parse(p.ip);
      if (timed) {
        found += std::any_of(a.hits.begin(), a.hits.end(), [&](const Hit& h) {
          return h.record.client == ip && h.record.client_port == p.port;
        });
      }
      if (i >= address_limit) continue;
      auto [from, to] = local_day_us(p);
      const int net_bits = ip.is_v4() ? 96 + 24 : 48;  // in the 128-bit space
      // The first page, as `alcor query --ip` shows it by default.
      AddressQuery one{IpPrefix{ip, 128}, from, to, 0, kAddressPage};
      AddressQuery net{IpPrefix{ip.masked(net_bits), net_bits}, from, to, 0, kAddressPage};
      if (timed) {
        ip_hits += ip_ms.time([&] { return find_address(index, one).total; });
        cidr_hits += cidr_ms.time([&] { return find_address(index, net).total; });
      } else {
        find_address(index, one);
        find_address(index, net);
      }
    }
  }
  std::printf("postings: %zu, time+URL found with the planted address and port: %zu\n", postings.size(), found);
  url_ms.print("time+URL");
  std::printf("time+URL blocks: %.1f of %llu read per query, %.0f records checked\n",
              double(url_stats.blocks_read) / std::max<size_t>(1, postings.size()),
              static_cast<unsigned long long>(url_stats.blocks_total / std::max<size_t>(1, postings.size())),
              double(url_stats.records_checked) / std::max<size_t>(1, postings.size()));
  ip_ms.print("IP/day");
  cidr_ms.print("CIDR/day");
  std::printf("matches (pages of %llu shown): IP %llu, CIDR %llu\n", static_cast<unsigned long long>(kAddressPage), static_cast<unsigned long long>(ip_hits),
              static_cast<unsigned long long>(cidr_hits));
  return found == postings.size() ? 0 : 1;
}

}  // namespace
}  // namespace alcor

int main(int argc, char** argv) {
  std::string index, truth;
  size_t limit = 1000, address_limit = SIZE_MAX;
  bool bad = argc % 2 == 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--index") {
      index = argv[i + 1];
    } else if (flag == "--truth") {
      truth = argv[i + 1];
    } else if (flag == "--queries") {
      limit = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (flag == "--address-queries") {
      address_limit = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      bad = true;
    }
  }
  if (bad || index.empty() || truth.empty()) {
    std::fprintf(stderr, "usage: alcor-query-latency --index DIR --truth TRUTH.jsonl [--queries N] [--address-queries M]\n");
    return 2;
  }
  try {
    return alcor::run(index, truth, limit, address_limit);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "alcor-query-latency: %s\n", e.what());
    return 1;
  }
}
