// End-to-end checks of alcor-loggen: runs the built generator, reads its
// files back with the gzip/zstd command-line tools, and checks the ground
// truth against the lines with a parser written here (regular expressions
// over the documented Apache formats), not with the generator's own code.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <re2/re2.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/loggen_truth.h"
#include "tests/test_support.h"

namespace {

namespace fs = std::filesystem;
using alcor::testing::LoggedRequest;
using alcor::testing::parse_truth;
using alcor::testing::read_file;
using alcor::testing::run_command;
using alcor::testing::TempDir;
using alcor::testing::TruthEntry;

// --- An independent reader for the four formats ----------------------------

// A quoted Apache field: anything but '"' and '\', or a backslash escape.
#define QUOTED "\"((?:[^\"\\\\]|\\\\.)*)\""
const std::map<std::string, std::string> kLinePatterns = {
    {"combined_port", R"(^(\S+) \S+ (\S+) \[([^\]]+)\] )" QUOTED R"( (\d{3}) (\d+|-) )" QUOTED " " QUOTED R"( (\d+)$)"},
    {"combined", R"(^(\S+) \S+ (\S+) \[([^\]]+)\] )" QUOTED R"( (\d{3}) (\d+|-) )" QUOTED " " QUOTED "$"},
    {"common", R"(^(\S+) \S+ (\S+) \[([^\]]+)\] )" QUOTED R"( (\d{3}) (\d+|-)$)"},
    {"vhost_combined", R"(^(\S+):(\d+) (\S+) \S+ (\S+) \[([^\]]+)\] )" QUOTED R"( (\d{3}) (\d+) )" QUOTED " " QUOTED "$"},
};
#undef QUOTED

struct Line {
  std::string vhost, ip, time, request;
  int status = 0;
  std::optional<int> port, server_port;
};

class LineReader {
 public:
  // Latin-1: junk lines are arbitrary bytes, not UTF-8.
  explicit LineReader(const std::string& format)
      : format_(format), re_(kLinePatterns.at(format), latin1()) {
    EXPECT_TRUE(re_.ok()) << re_.error();
  }

  static RE2::Options latin1() {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);
    return o;
  }

  std::optional<Line> parse(const std::string& text) const {
    Line l;
    std::string user, status, bytes, referer, agent, port, server_port;
    bool ok = false;
    if (format_ == "combined_port") {
      ok = RE2::FullMatch(text, re_, &l.ip, &user, &l.time, &l.request, &status, &bytes, &referer, &agent, &port);
    } else if (format_ == "combined") {
      ok = RE2::FullMatch(text, re_, &l.ip, &user, &l.time, &l.request, &status, &bytes, &referer, &agent);
    } else if (format_ == "common") {
      ok = RE2::FullMatch(text, re_, &l.ip, &user, &l.time, &l.request, &status, &bytes);
    } else {
      ok = RE2::FullMatch(text, re_, &l.vhost, &server_port, &l.ip, &user, &l.time, &l.request, &status, &bytes,
                          &referer, &agent);
    }
    if (!ok) return std::nullopt;
    l.status = std::stoi(status);
    if (!port.empty()) l.port = std::stoi(port);
    if (!server_port.empty()) l.server_port = std::stoi(server_port);
    return l;
  }

 private:
  std::string format_;
  RE2 re_;
};

// "01/Jan/2026:18:29:49 +0900" -> epoch seconds.
int64_t apache_time_to_epoch(const std::string& t) {
  static const std::string kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  std::tm tm{};
  char month[4] = {}, sign = 0;
  int off_h = 0, off_m = 0;
  EXPECT_EQ(std::sscanf(t.c_str(), "%2d/%3c/%4d:%2d:%2d:%2d %c%2d%2d", &tm.tm_mday, month, &tm.tm_year, &tm.tm_hour,
                        &tm.tm_min, &tm.tm_sec, &sign, &off_h, &off_m),
            9)
      << t;
  tm.tm_mon = static_cast<int>(kMonths.find(month) / 3);
  tm.tm_year -= 1900;
  const int64_t offset = (off_h * 3600 + off_m * 60) * (sign == '-' ? -1 : 1);
  return static_cast<int64_t>(timegm(&tm)) - offset;
}

// glibc's inet_ntop writes RFC 5952 text (and dotted quads): an address is
// in canonical form when it survives the round trip unchanged.
bool is_canonical_address(const std::string& ip) {
  const int family = ip.find(':') == std::string::npos ? AF_INET : AF_INET6;
  unsigned char bytes[16];
  char text[INET6_ADDRSTRLEN];
  return inet_pton(family, ip.c_str(), bytes) == 1 && inet_ntop(family, bytes, text, sizeof text) != nullptr &&
         ip == text;
}

// "2026-01-01T18:29:49+09:00" -> "01/Jan/2026:18:29:49 +0900", the way %t logs it.
std::string rfc3339_to_apache(const std::string& t) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  EXPECT_EQ(t.size(), 25u) << t;
  return t.substr(8, 2) + "/" + kMonths[std::stoi(t.substr(5, 2)) - 1] + "/" + t.substr(0, 4) + ":" +
         t.substr(11, 8) + " " + t.substr(19, 3) + t.substr(23, 2);
}

// "2026-01-01T09:29:49Z" -> epoch seconds.
int64_t rfc3339_utc_to_epoch(const std::string& t) {
  std::tm tm{};
  EXPECT_EQ(std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                        &tm.tm_min, &tm.tm_sec),
            6)
      << t;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm));
}

// --- Running the generator and reading its output --------------------------

class Corpus {
 public:
  // Runs alcor-loggen with `args` plus output, truth and summary paths.
  explicit Corpus(const std::string& args, const std::string& format = "combined_port") : reader_(format) {
    const std::string cmd = std::string(ALCOR_LOGGEN_BINARY) + " --out " + (dir_ / "logs").string() +
                            " --format " + format + " --truth " + (dir_ / "truth.jsonl").string() +
                            " --summary " + (dir_ / "summary.json").string() + " " + args;
    std::string err;
    status_ = run_command(cmd, nullptr, &err);
    EXPECT_EQ(status_, 0) << cmd << "\n" << err;
    if (status_ != 0) return;
    for (const auto& entry : fs::directory_iterator(dir_ / "logs")) files_.push_back(entry.path().filename().string());
    std::sort(files_.begin(), files_.end());
    for (const std::string& f : files_) split_lines(f, decompress(f));
    read_truth();
    summary_text_ = read_file(dir_ / "summary.json");
    summary_ = summary_parser_.parse(summary_text_);
  }

  // The file's bytes as gzip -dc / zstd -dc give them back.
  std::string decompress(const std::string& file) const {
    const fs::path p = dir_ / "logs" / file;
    std::string tool = file.ends_with(".gz") ? "gzip" : file.ends_with(".zst") ? "zstd" : "";
    if (tool.empty()) return read_file(p);
    std::string out, err;
    EXPECT_EQ(run_command(tool + " -t '" + p.string() + "'", nullptr, &err), 0) << file << " is not valid: " << err;
    EXPECT_EQ(run_command(tool + " -dc '" + p.string() + "'", &out, &err), 0) << err;
    return out;
  }

  const std::vector<std::string>& files() const { return files_; }
  const std::vector<std::string>& lines(const std::string& file) const { return lines_.at(file); }
  const std::vector<TruthEntry>& truth() const { return truth_; }
  const std::string& truth_text() const { return truth_text_; }
  simdjson::dom::element summary() const { return summary_; }
  const LineReader& reader() const { return reader_; }
  int status() const { return status_; }

 private:
  void split_lines(const std::string& file, const std::string& text) {
    auto& lines = lines_[file];
    size_t from = 0;
    while (from < text.size()) {
      size_t nl = text.find('\n', from);
      EXPECT_NE(nl, std::string::npos) << file << " does not end with a newline";
      if (nl == std::string::npos) nl = text.size();
      lines.push_back(text.substr(from, nl - from));
      from = nl + 1;
    }
  }

  void read_truth() {
    truth_text_ = read_file(dir_ / "truth.jsonl");
    truth_ = parse_truth(truth_text_);
  }

  TempDir dir_;
  LineReader reader_;
  int status_ = -1;
  std::vector<std::string> files_;
  std::map<std::string, std::vector<std::string>> lines_;
  std::string truth_text_, summary_text_;
  simdjson::dom::parser summary_parser_;
  simdjson::dom::element summary_;
  std::vector<TruthEntry> truth_;
};

// Checks that `r` (from the truth) is what the line it names says.
void expect_logged(const Corpus& c, const LoggedRequest& r, const std::string& path_and_query) {
  SCOPED_TRACE(r.file + ":" + std::to_string(r.line));
  ASSERT_TRUE(std::count(c.files().begin(), c.files().end(), r.file));
  const auto& lines = c.lines(r.file);
  ASSERT_GE(r.line, 1);
  ASSERT_LE(r.line, static_cast<int64_t>(lines.size()));
  const auto line = c.reader().parse(lines[r.line - 1]);
  ASSERT_TRUE(line) << lines[r.line - 1];
  EXPECT_EQ(line->ip, r.ip);
  if (line->port) {
    EXPECT_EQ(*line->port, r.port);
  }
  EXPECT_TRUE(line->request.starts_with(r.method + " " + path_and_query + " HTTP/")) << line->request;
  EXPECT_EQ(line->time, rfc3339_to_apache(r.time_local));
  EXPECT_EQ(apache_time_to_epoch(line->time), r.epoch);
  EXPECT_EQ(rfc3339_utc_to_epoch(r.time_utc), r.epoch);
}

uint64_t summary_junk(simdjson::dom::element s, const char* kind) { return uint64_t(s["junk"][kind]); }

constexpr const char* kMixedArgs =
    "--lines 30000 --days 0.5 --files 4 --compress mixed --plain-newest 1 --plant 12 --junk-rate 0.01 --seed 7";

// --- Tests -----------------------------------------------------------------

TEST(Loggen, TruthPointsAtThePlantedLines) {
  Corpus c(kMixedArgs);
  ASSERT_EQ(c.status(), 0);
  ASSERT_EQ(c.truth().size(), 12u);
  for (const TruthEntry& t : c.truth()) {
    SCOPED_TRACE(t.url);
    EXPECT_EQ(t.posting.method, "POST");
    EXPECT_TRUE(t.url == "https://" + t.host + t.path_and_query || t.url == "http://" + t.host + t.path_and_query)
        << t.url;
    expect_logged(c, t.posting, t.path_and_query);
    ASSERT_FALSE(t.decoys.empty());
    for (const LoggedRequest& d : t.decoys) {
      expect_logged(c, d, t.path_and_query);
      EXPECT_FALSE(d.ip == t.posting.ip && d.port == t.posting.port);
      const int64_t gap = std::abs(d.epoch - t.posting.epoch);
      EXPECT_GT(gap, 60);
      EXPECT_LE(gap, 15 * 60);
    }
  }
}

TEST(Loggen, OnlyThePlantIsWithinAMinuteAndOnlyDecoysWithinFifteen) {
  Corpus c(kMixedArgs);
  ASSERT_EQ(c.status(), 0);
  for (const TruthEntry& t : c.truth()) {
    SCOPED_TRACE(t.url);
    int within_minute = 0, within_quarter = 0;
    for (const std::string& f : c.files()) {
      for (const std::string& text : c.lines(f)) {
        if (text.find(" " + t.path_and_query + " ") == std::string::npos) continue;
        const auto line = c.reader().parse(text);
        if (!line) continue;
        const int64_t gap = std::abs(apache_time_to_epoch(line->time) - t.posting.epoch);
        within_minute += gap <= 60;
        within_quarter += gap <= 15 * 60;
      }
    }
    EXPECT_EQ(within_minute, 1);
    EXPECT_EQ(within_quarter, static_cast<int>(1 + t.decoys.size()));
  }
}

TEST(Loggen, SomePlantsComeFromSharedCgnatAddresses) {
  Corpus c(kMixedArgs);
  ASSERT_EQ(c.status(), 0);
  int cgnat = 0;
  for (const TruthEntry& t : c.truth()) {
    if (t.client_kind != "cgnat") continue;
    ++cgnat;
    // The same address with other ports elsewhere in the corpus: another
    // subscriber, whom only the port tells apart.
    int other_ports = 0;
    for (const std::string& f : c.files())
      for (const std::string& text : c.lines(f))
        if (auto line = c.reader().parse(text); line && line->ip == t.posting.ip && line->port != t.posting.port)
          ++other_ports;
    EXPECT_GT(other_ports, 0) << t.posting.ip;
  }
  EXPECT_GE(cgnat, 3);
}

TEST(Loggen, JunkCountsAndLineCountsMatchTheSummary) {
  Corpus c(kMixedArgs);
  ASSERT_EQ(c.status(), 0);
  simdjson::dom::array files = c.summary()["files"];
  ASSERT_EQ(files.size(), c.files().size());
  uint64_t total_tls = 0, total_broken = 0;
  for (simdjson::dom::element f : files) {
    const std::string name{std::string_view(f["file"])};
    SCOPED_TRACE(name);
    const auto& lines = c.lines(name);
    EXPECT_EQ(uint64_t(f["lines"]), lines.size());
    uint64_t tls = 0, broken = 0;
    for (const std::string& text : lines) {
      auto line = c.reader().parse(text);
      if (!line) {
        ++broken;
      } else if (line->request.starts_with("\\x16\\x03")) {
        ++tls;
        EXPECT_EQ(line->status, 400);
      }
    }
    EXPECT_EQ(tls, summary_junk(f, "tls_handshake"));
    EXPECT_EQ(broken, summary_junk(f, "truncated") + summary_junk(f, "garbage"));
    total_tls += tls;
    total_broken += broken;
  }
  EXPECT_EQ(total_tls, summary_junk(c.summary(), "tls_handshake"));
  EXPECT_EQ(total_broken, summary_junk(c.summary(), "truncated") + summary_junk(c.summary(), "garbage"));
  // 1% of 30000 lines, roughly.
  EXPECT_GT(summary_junk(c.summary(), "total"), 150u);
  EXPECT_LT(summary_junk(c.summary(), "total"), 450u);
}

TEST(Loggen, RotatedFilesAreNamedLogrotateStyle) {
  Corpus c(kMixedArgs);
  ASSERT_EQ(c.status(), 0);
  EXPECT_EQ(c.files(), (std::vector<std::string>{"access.log", "access.log.1.zst", "access.log.2.gz",
                                                 "access.log.3.zst"}));
}

TEST(Loggen, ParsedLinesAreEscapedAsciiInRoughTimeOrder) {
  Corpus c("--lines 20000 --days 0.25 --files 2 --compress gzip --plain-newest 0 --junk-rate 0 --seed 3");
  ASSERT_EQ(c.status(), 0);
  const int64_t start = rfc3339_utc_to_epoch("2025-12-31T15:00:00Z");
  bool saw_escape = false, saw_quote = false, saw_ipv6 = false, saw_backwards = false;
  for (const std::string& f : c.files()) {
    int64_t previous = start;
    for (const std::string& text : c.lines(f)) {
      const auto line = c.reader().parse(text);
      ASSERT_TRUE(line) << text;
      // Apache escapes every control byte and every byte >= 0x80.
      EXPECT_TRUE(std::all_of(text.begin(), text.end(), [](char ch) { return ch >= 0x20 && ch < 0x7f; })) << text;
      saw_escape |= text.find("\\xe3") != std::string::npos;
      saw_quote |= text.find("\\\"") != std::string::npos;
      saw_ipv6 |= line->ip.find(':') != std::string::npos;
      EXPECT_TRUE(is_canonical_address(line->ip)) << line->ip;
      ASSERT_TRUE(line->port);
      EXPECT_GE(*line->port, 1024);
      // Lines are written at request end but log the start: slightly out
      // of order, never by more than the longest request.
      const int64_t t = apache_time_to_epoch(line->time);
      EXPECT_GE(t, previous - 30);
      saw_backwards |= t < previous;
      previous = std::max(previous, t);
      EXPECT_GE(t, start - 30);
      EXPECT_LT(t, start + 6 * 3600);
    }
  }
  EXPECT_TRUE(saw_escape);
  EXPECT_TRUE(saw_quote);
  EXPECT_TRUE(saw_ipv6);
  EXPECT_TRUE(saw_backwards);
}

TEST(Loggen, SameSeedSameBytesOtherSeedOtherBytes) {
  const std::string args = "--lines 5000 --days 0.2 --files 3 --compress mixed --plain-newest 0 --plant 3";
  Corpus a(args + " --seed 11"), b(args + " --seed 11"), other(args + " --seed 12");
  ASSERT_EQ(a.status(), 0);
  ASSERT_EQ(a.files(), b.files());
  for (const std::string& f : a.files()) {
    EXPECT_EQ(a.lines(f), b.lines(f)) << f;
    EXPECT_NE(a.lines(f), other.lines(f)) << f;
  }
  EXPECT_EQ(a.truth_text(), b.truth_text());
  EXPECT_NE(a.truth_text(), other.truth_text());
}

class LoggenFormat : public ::testing::TestWithParam<std::string> {};

TEST_P(LoggenFormat, EveryLineParsesAndPlantsAreFound) {
  Corpus c("--lines 4000 --days 0.2 --compress zstd --plain-newest 0 --plant 3 --junk-rate 0", GetParam());
  ASSERT_EQ(c.status(), 0);
  ASSERT_EQ(c.files(), std::vector<std::string>{"access.log.zst"});
  for (const std::string& text : c.lines("access.log.zst")) {
    const auto line = c.reader().parse(text);
    ASSERT_TRUE(line) << text;
    if (GetParam() == "vhost_combined") {
      EXPECT_TRUE(line->vhost.ends_with(".example")) << text;
    }
  }
  for (const TruthEntry& t : c.truth()) {
    expect_logged(c, t.posting, t.path_and_query);
    if (GetParam() == "vhost_combined") {
      const auto line = c.reader().parse(c.lines(t.posting.file)[t.posting.line - 1]);
      EXPECT_EQ(line->vhost, t.host);
      EXPECT_EQ(t.url, (line->server_port == 443 ? "https://" : "http://") + t.host + t.path_and_query);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllFormats, LoggenFormat,
                         ::testing::Values("combined_port", "vhost_combined", "combined", "common"));

TEST(Loggen, BadOptionsAreRejectedWithAMessage) {
  std::string err;
  EXPECT_EQ(run_command(std::string(ALCOR_LOGGEN_BINARY) + " --lines 10 --format nginx", nullptr, &err), 2);
  EXPECT_NE(err.find("--format"), std::string::npos) << err;
  EXPECT_EQ(run_command(std::string(ALCOR_LOGGEN_BINARY) + " --format common", nullptr, &err), 2);
  EXPECT_NE(err.find("--lines"), std::string::npos) << err;
}

}  // namespace
