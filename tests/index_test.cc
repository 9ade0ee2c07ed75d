// The index layer on its own: blocks, segments, manifest, writer and reader,
// and the two queries, over records built in the test.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>

#include "engine/query.h"
#include "index/address_set.h"
#include "index/bloom_filter.h"
#include "index/index_reader.h"
#include "index/index_writer.h"
#include "tests/test_support.h"

namespace alcor {
namespace {

using testing::TempDir;
constexpr int64_t kT0 = 1767248566LL * kMicrosPerSecond;  // 2026-01-01T06:22:46Z

// Owns the strings a LogRecord points at.
struct RecordSpec {
  int64_t time_us = kT0;
  std::string ip = "192.0.2.1";
  int32_t port = 40000;
  std::string host = "site.example";
  std::string method = "GET";
  std::string target = "/";
  int64_t duration_us = -1;
  TimeMeaning meaning = TimeMeaning::kRequestStart;

  LogRecord view() const {
    LogRecord r;
    r.time.utc_us = time_us;
    r.time.offset_s = 9 * 3600;
    r.time_meaning = meaning;
    r.duration_us = duration_us;
    r.client_kind = ClientKind::kAddress;
    r.client = *IpAddress::parse(ip);
    r.client_port = port;
    r.host = host;
    r.method = method;
    r.target = target;
    r.protocol = "HTTP/1.1";
    r.status = 200;
    r.user_agent = "ua";
    return r;
  }
  std::string raw() const { return ip + ":" + std::to_string(port) + " " + method + " " + target; }
};

// Indexes one source per vector of specs, line numbers in order.
void build_index(const std::filesystem::path& dir, const std::vector<std::vector<RecordSpec>>& sources,
                 IndexWriter::Options options = {}) {
  IndexWriter w(dir, options);
  int n = 0;
  for (const auto& specs : sources) {
    uint32_t id = w.begin_source();
    uint64_t line = 0;
    for (const auto& s : specs) {
      ++line;
      w.add(s.view(), Provenance{id, line, (line - 1) * 100}, s.raw());
    }
    SourceEntry e;
    e.id = id;
    e.path = "/logs/file" + std::to_string(n);
    e.sha256 = std::string(64, static_cast<char>('a' + n++));
    e.lines = specs.size();
    w.end_source(std::move(e));
  }
  w.commit();
}

TEST(Index, RoundTripsEveryFieldThroughBlocksAndSegments) {
  TempDir d;
  RecordSpec a{.ip = "2001:db8::7", .port = 0, .target = "/a?b=c", .duration_us = 1500};
  RecordSpec b{.time_us = kT0 - 5 * kMicrosPerSecond, .port = kPortNotLogged, .host = "", .method = "POST"};
  build_index(d.path(), {{a, b}});
  IndexReader r(d.path());
  ASSERT_EQ(r.segments().size(), 1u);
  const SegmentReader& seg = r.segments()[0];
  ASSERT_EQ(seg.blocks().size(), 1u);
  auto recs = seg.read_fields(0);
  seg.read_lines(0, &recs);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].client.to_string(), "2001:db8::7");
  EXPECT_EQ(recs[0].client_port, 0);
  EXPECT_EQ(recs[0].url_key, url_record_key(url_path_key("/a?b=c")));
  EXPECT_EQ(recs[0].duration_us, 1500);
  EXPECT_EQ(recs[0].time.offset_s, 9 * 3600);
  EXPECT_EQ(recs[0].raw, a.raw());
  EXPECT_EQ(recs[1].time.utc_us, b.time_us);  // out of order keeps its own time
  EXPECT_EQ(recs[1].client_port, kPortNotLogged);
  EXPECT_EQ(recs[1].method, "POST");
  EXPECT_EQ(recs[1].source.line, 2u);
  EXPECT_EQ(recs[1].source.offset, 100u);
  EXPECT_EQ(seg.blocks()[0].summary.time_min_us, b.time_us);
  EXPECT_EQ(seg.blocks()[0].summary.time_max_us, a.time_us);
}

TEST(Index, PortsRepeatedPerClientRoundTrip) {
  // Keep-alive ports are stored as "same as this client's previous port":
  // interleaved clients, a port that changes and comes back, a client
  // without a port, and one logged by name must all come back exactly.
  TempDir d;
  std::vector<RecordSpec> specs = {
      {.ip = "192.0.2.1", .port = 50000}, {.ip = "192.0.2.2", .port = 50000}, {.ip = "192.0.2.1", .port = 50000},
      {.ip = "192.0.2.1", .port = 50001}, {.ip = "192.0.2.2", .port = kPortNotLogged},
      {.ip = "192.0.2.2", .port = 50000}, {.ip = "192.0.2.1", .port = 50000}, {.ip = "2001:db8::1", .port = 0},
      {.ip = "2001:db8::1", .port = 0}};
  build_index(d.path(), {specs});
  IndexReader r(d.path());
  auto recs = r.segments()[0].read_fields(0);
  ASSERT_EQ(recs.size(), specs.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    EXPECT_EQ(recs[i].client.to_string(), specs[i].ip) << i;
    EXPECT_EQ(recs[i].client_port, specs[i].port) << i;
  }
}

// A block stores its times in the coarsest unit that holds all of them
// exactly (seconds, milliseconds or microseconds): each comes back as logged.
TEST(Index, TimesComeBackAtEveryUnit) {
  for (const std::vector<int64_t>& offsets : std::vector<std::vector<int64_t>>{
           {0, 5 * kMicrosPerSecond, -3 * kMicrosPerSecond}, {0, 2000, -7000, kMicrosPerSecond},
           {0, 1500, -1, 2 * kMicrosPerSecond}, {-kT0 - 1, -kT0 - 1000, -kT0}}) {
    TempDir d;
    std::vector<RecordSpec> specs;
    for (int64_t o : offsets) specs.push_back({.time_us = kT0 + o});
    build_index(d.path(), {specs});
    IndexReader r(d.path());
    auto recs = r.segments()[0].read_fields(0);
    ASSERT_EQ(recs.size(), specs.size());
    for (size_t i = 0; i < specs.size(); ++i) EXPECT_EQ(recs[i].time.utc_us, specs[i].time_us) << i;
  }
}

// The address set is sorted per block with IPv4 addresses apart from the
// others (index/record_block.cc): addresses below, inside and above the
// IPv4-mapped range must come back in order and each row with its own.
TEST(Index, AddressesAroundTheV4RangeKeepTheirOrderAndRows) {
  TempDir d;
  std::vector<RecordSpec> specs;
  for (const char* ip : {"2001:db8::1", "255.255.255.255", "::1", "0.0.0.0", "::fffe:ffff:ffff", "10.0.0.2",
                         "::1:0:0:0", "::", "10.0.0.1", "fe80::1", "::ffff:1:0:0", "10.0.0.1", "::1"}) {
    specs.push_back({.ip = ip});
  }
  build_index(d.path(), {specs});
  IndexReader r(d.path());
  const SegmentReader& seg = r.segments()[0];
  const std::vector<IpAddress> set = decode_address_set(seg.blocks()[0].addresses, "test");
  EXPECT_EQ(set.size(), specs.size() - 2);  // two repeats
  EXPECT_TRUE(std::is_sorted(set.begin(), set.end()));
  EXPECT_EQ(std::adjacent_find(set.begin(), set.end()), set.end());
  auto recs = seg.read_fields(0);
  ASSERT_EQ(recs.size(), specs.size());
  for (size_t i = 0; i < specs.size(); ++i) EXPECT_EQ(recs[i].client, *IpAddress::parse(specs[i].ip)) << i;
}

// Thousands of IPv4 addresses (sorted by radix, unlike a handful) with
// repeats, among IPv6 ones: the set comes out sorted and each row keeps its
// address.
TEST(Index, ManyAddressesKeepTheirOrderAndRows) {
  TempDir d;
  std::vector<RecordSpec> specs;
  std::mt19937 rng(7);
  for (int i = 0; i < 12000; ++i) {
    const uint32_t a = i % 5 == 0 ? static_cast<uint32_t>(i * 2654435761u) % 4096 : static_cast<uint32_t>(rng());
    specs.push_back({.ip = i % 17 == 0 ? "2001:db8::" + std::to_string(i % 100)
                                       : std::to_string(a >> 24) + "." + std::to_string(a >> 16 & 255) + "." +
                                             std::to_string(a >> 8 & 255) + "." + std::to_string(a & 255)});
  }
  IndexWriter::Options options;
  options.segment.block_records = static_cast<uint32_t>(specs.size());
  options.segment.block_bytes = size_t{64} << 20;
  build_index(d.path(), {specs}, options);
  IndexReader r(d.path());
  const SegmentReader& seg = r.segments()[0];
  ASSERT_EQ(seg.blocks().size(), 1u);
  const std::vector<IpAddress> set = decode_address_set(seg.blocks()[0].addresses, "test");
  EXPECT_TRUE(std::is_sorted(set.begin(), set.end()));
  EXPECT_EQ(std::adjacent_find(set.begin(), set.end()), set.end());
  std::set<IpAddress> distinct;
  for (const RecordSpec& s : specs) distinct.insert(*IpAddress::parse(s.ip));
  EXPECT_EQ(set.size(), distinct.size());
  auto recs = seg.read_fields(0);
  ASSERT_EQ(recs.size(), specs.size());
  for (size_t i = 0; i < specs.size(); ++i) ASSERT_EQ(recs[i].client, *IpAddress::parse(specs[i].ip)) << i;
}

// The cheap placing of an address query's matches (five columns) must
// select exactly the records a full decode does, for any prefix and time.
TEST(Index, AddressRowsAgreeWithTheFullDecode) {
  TempDir d;
  std::vector<RecordSpec> specs;
  for (int i = 0; i < 3000; ++i) {
    const int v = i * 7919 % 1000;
    specs.push_back({.time_us = kT0 + (i % 97) * kMicrosPerSecond,
                     .ip = v % 3 == 0 ? "2001:db8:" + std::to_string(v % 5) + "::" + std::to_string(v)
                                      : "198.51." + std::to_string(v % 4) + "." + std::to_string(v % 251),
                     .target = "/" + std::to_string(i)});
  }
  build_index(d.path(), {specs});
  IndexReader r(d.path());
  const SegmentReader& seg = r.segments()[0];
  ASSERT_EQ(seg.blocks().size(), 1u);
  const std::vector<StoredRecord> all = seg.read_fields(0);
  for (const char* cidr : {"198.51.0.0/16", "198.51.2.0/24", "198.51.3.7/32", "2001:db8::/32", "2001:db8:3::/48",
                           "0.0.0.0/0", "::/0", "203.0.113.0/24"}) {
    const IpPrefix prefix = *IpPrefix::parse(cidr);
    for (auto [from, to] : {std::pair{INT64_MIN, INT64_MAX}, std::pair{kT0 + 10 * kMicrosPerSecond, kT0 + 20 * kMicrosPerSecond}}) {
      std::vector<uint32_t> expected, got;
      for (uint32_t i = 0; i < all.size(); ++i) {
        if (prefix.contains(all[i].client) && all[i].time.utc_us >= from && all[i].time.utc_us <= to) expected.push_back(i);
      }
      for (const AddressRow& row : seg.address_rows(0, prefix, from, to)) {
        got.push_back(row.row);
        EXPECT_EQ(row.utc_us, all[row.row].time.utc_us);
        EXPECT_EQ(row.line, all[row.row].source.line);
        EXPECT_EQ(row.source_id, all[row.row].source.source_id);
      }
      EXPECT_EQ(got, expected) << cidr;
    }
  }
}

TEST(Index, RefusesASegmentOfAnOlderFormatSayingWhatToDo) {
  TempDir d;
  build_index(d.path(), {{RecordSpec{}}});
  auto seg_path = segment_dir(d.path()) / IndexReader(d.path()).manifest().segments[0].file;
  std::string bytes = testing::read_file(seg_path);
  bytes.replace(0, 8, "ALCSEG01");
  testing::write_file(seg_path, bytes);
  try {
    IndexReader reader(d.path());
    FAIL() << "an old segment was opened";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("has format 01"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("build a new index"), std::string::npos) << e.what();
  }
}

TEST(Index, DetectsADamagedBlock) {
  TempDir d;
  build_index(d.path(), {{RecordSpec{}, RecordSpec{}}});
  auto seg_path = segment_dir(d.path()) / IndexReader(d.path()).manifest().segments[0].file;
  std::string bytes = testing::read_file(seg_path);
  bytes[12] ^= 0x40;  // inside the first block's frames
  testing::write_file(seg_path, bytes);
  IndexReader r(d.path());
  EXPECT_THROW(r.segments()[0].read_fields(0), IndexError);
}

TEST(Index, DetectsATruncatedSegment) {
  TempDir d;
  build_index(d.path(), {{RecordSpec{}}});
  auto seg_path = segment_dir(d.path()) / IndexReader(d.path()).manifest().segments[0].file;
  std::filesystem::resize_file(seg_path, std::filesystem::file_size(seg_path) - 3);
  EXPECT_THROW(IndexReader{d.path()}, IndexError);
}

TEST(IndexWriter, RefusesASecondWriter) {
  TempDir d;
  IndexWriter first(d.path());
  try {
    IndexWriter second(d.path());
    FAIL() << "second writer was allowed";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("another alcor process"), std::string::npos);
  }
}

TEST(IndexWriter, DiscardedSourceLeavesNoRecords) {
  TempDir d;
  {
    IndexWriter w(d.path());
    uint32_t keep = w.begin_source();
    RecordSpec s;
    w.add(s.view(), Provenance{keep, 1, 0}, s.raw());
    w.end_source(SourceEntry{.id = keep, .sha256 = "k"});
    uint32_t drop = w.begin_source();
    for (int i = 0; i < 10; ++i) w.add(s.view(), Provenance{drop, 1, 0}, s.raw());
    w.discard_source();
    w.commit();
  }
  IndexReader r(d.path());
  EXPECT_EQ(r.manifest().sources.size(), 1u);
  EXPECT_EQ(r.manifest().segments[0].records, 1u);
}

TEST(IndexWriter, UncommittedWorkIsInvisibleAndCleanedUp) {
  TempDir d;
  build_index(d.path(), {{RecordSpec{}}});
  {
    IndexWriter w(d.path());
    uint32_t id = w.begin_source();
    RecordSpec s;
    w.add(s.view(), Provenance{id, 1, 0}, s.raw());
    w.end_source(SourceEntry{.id = id, .sha256 = "x"});
    // destroyed without commit(): as after a crash
  }
  std::ofstream(segment_dir(d.path()) / "seg-99999999.als.tmp") << "torn";
  IndexReader r(d.path());
  EXPECT_EQ(r.manifest().sources.size(), 1u);
  IndexWriter reopen(d.path());  // removes files no manifest names
  size_t files = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(segment_dir(d.path()))) ++files;
  EXPECT_EQ(files, 1u);
}

TEST(IndexWriter, AccessIndexesAppearWithTheCommitThatNamesTheirSources) {
  TempDir d;
  const auto ended_source = [](IndexWriter& w, const std::string& sha256) {
    uint32_t id = w.begin_source();
    RecordSpec s;
    w.add(s.view(), Provenance{id, 1, 0}, s.raw());
    w.end_source(SourceEntry{.id = id, .sha256 = sha256}, "access points of " + sha256);
    return id;
  };
  const auto files = [&] {
    std::set<std::string> names;
    for (auto& e : std::filesystem::directory_iterator(access_dir(d.path()))) names.insert(e.path().filename());
    return names;
  };
  uint32_t kept = 0;
  {
    IndexWriter w(d.path());
    kept = ended_source(w, "a");
    const uint32_t second = ended_source(w, "b");
    // Written and on their way to disk, under names no reader opens.
    EXPECT_EQ(files(), (std::set<std::string>{access_index_path(d.path(), kept).filename().string() + ".tmp",
                                              access_index_path(d.path(), second).filename().string() + ".tmp"}));
    w.commit();
    EXPECT_EQ(read_whole_file(access_index_path(d.path(), second)), "access points of b");
    ended_source(w, "c");
    // destroyed without commit(): its staged access index goes with it
  }
  EXPECT_EQ(files().size(), 2u);
  EXPECT_EQ(read_whole_file(access_index_path(d.path(), kept)), "access points of a");
  EXPECT_EQ(IndexReader(d.path()).manifest().sources.size(), 2u);
}

TEST(BackgroundFlush, FlushesBehindTheWriterAndTheFileKeepsEveryByte) {
  TempDir d;
  const std::filesystem::path path = d.path() / "growing";
  FileHandle fd = create_exclusive(path);
  BackgroundFlush flush;
  std::string written;
  for (int i = 0; i < 64; ++i) {
    const std::string piece(64 << 10, static_cast<char>('a' + i % 26));
    write_all(fd.get(), piece, path);
    written += piece;
    flush.start(fd.get());  // skipped while the one before still runs
  }
  flush.wait(path);
  fsync_or_throw(fd.get(), path);
  EXPECT_EQ(read_whole_file(path), written);
}

TEST(BackgroundFlush, AFailedFlushIsReportedByWaitNamingTheFile) {
  BackgroundFlush flush;
  flush.start(-1);  // fdatasync fails: EBADF
  try {
    flush.wait("segments/seg-1.als.tmp");
    FAIL() << "a failed background flush went unreported";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot fsync segments/seg-1.als.tmp"), std::string::npos) << e.what();
  }
}

TEST(IndexWriter, ManifestRoundTrips) {
  TempDir d;
  build_index(d.path(), {{RecordSpec{}}, {RecordSpec{}, RecordSpec{}}});
  Manifest m = IndexReader(d.path()).manifest();
  m.sources[1].format_note = "the number after each combined line is read as the client port";
  Manifest again = Manifest::parse(m.to_json(), "test");
  EXPECT_EQ(again.to_json(), m.to_json());
  EXPECT_EQ(again.sources.size(), 2u);
  EXPECT_EQ(again.sources[0].format_note, "") << "indexes written before the note read without one";
  EXPECT_EQ(again.sources[1].format_note, m.sources[1].format_note);
  EXPECT_EQ(again.index_id.size(), 32u);
  EXPECT_THROW(Manifest::parse("{\"format\":\"alcor-index\"", "test"), IndexError);
}

// --- Queries -----------------------------------------------------------------

std::vector<RecordSpec> traffic() {
  std::vector<RecordSpec> v;
  for (int i = 0; i < 3000; ++i) {
    RecordSpec s;
    s.time_us = kT0 + (i - 1500) * kMicrosPerSecond;
    s.ip = "198.51.100." + std::to_string(i % 200);
    s.port = 1024 + i;
    s.target = "/page/" + std::to_string(i % 50);
    v.push_back(s);
  }
  return v;
}

TEST(Query, TimeAndUrlFindsOnlyRequestsInsideTheWindow) {
  TempDir d;
  auto specs = traffic();
  RecordSpec posting{.time_us = kT0, .ip = "203.0.113.9", .port = 51234, .method = "POST", .target = "/bbs/post.php"};
  RecordSpec decoy = posting;
  decoy.time_us = kT0 + 300 * kMicrosPerSecond;
  decoy.ip = "203.0.113.10";
  RecordSpec other_host = posting;
  other_host.host = "other.example";
  specs.push_back(posting);
  specs.push_back(decoy);
  specs.push_back(other_host);
  IndexWriter::Options small_blocks;
  small_blocks.segment.block_records = 256;
  build_index(d.path(), {specs}, small_blocks);
  IndexReader r(d.path());

  std::string error;
  TimeUrlQuery q{kT0, 60 * kMicrosPerSecond, *parse_query_url("https://site.example/bbs/post.php", &error), ""};
  QueryStats stats;
  auto hits = find_time_url(r, q, &stats);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].record.client.to_string(), "203.0.113.9");
  EXPECT_EQ(hits[0].record.client_port, 51234);
  EXPECT_EQ(hits[0].record.raw, posting.raw());
  EXPECT_EQ(hits[0].source->path, "/logs/file0");
  EXPECT_LT(stats.blocks_read, stats.blocks_total / 4) << "time range and filters should skip most blocks";

  q.window_us = 600 * kMicrosPerSecond;
  EXPECT_EQ(find_time_url(r, q).size(), 2u);  // now the decoy too
  q.url.host.clear();
  EXPECT_EQ(find_time_url(r, q).size(), 3u);  // any host
  q.method = "GET";
  EXPECT_EQ(find_time_url(r, q).size(), 0u);
}

// A record without a host matches a query for any host. Its block's filter
// keys it by its path alone (no pair with host ""), so the filter of a
// host-less log holds one key per URL, and a host query still finds it;
// blocks of one host keep the host apart.
TEST(Query, RecordsWithoutAHostAreFoundByAnyHostThroughTheFilters) {
  TempDir d;
  std::vector<RecordSpec> hostless, vhost, mixed;
  for (int i = 0; i < 1024; ++i) {
    RecordSpec s{.time_us = kT0 + i * kMicrosPerSecond, .ip = "198.51.100.7", .port = 1024 + i,
                 .target = "/page/" + std::to_string(i)};
    s.host = "";
    hostless.push_back(s);
    s.host = "site.example";
    vhost.push_back(s);
    s.host = i % 2 ? "" : "other.example";
    mixed.push_back(s);
  }
  IndexWriter::Options small_blocks;
  small_blocks.segment.block_records = 256;
  build_index(d.path(), {hostless, vhost, mixed}, small_blocks);
  IndexReader r(d.path());
  const SegmentReader& seg = r.segments()[0];
  ASSERT_EQ(seg.blocks().size(), 12u);
  for (size_t b = 0; b < seg.blocks().size(); ++b) {
    BloomFilterView f;
    ASSERT_TRUE(f.reset(seg.blocks()[b].url_filter));
    EXPECT_EQ(f.hostless_by_path(), b < 4 || b >= 8) << "block " << b;
    // 256 URLs: their path keys, plus a pair key each where a host is logged.
    const size_t keys = b < 4 ? 256 : b < 8 ? 512 : 256 + 128;
    EXPECT_EQ(seg.blocks()[b].url_filter.size(), 1 + keys + 1) << "block " << b;  // varint(words), 8 bits a key, flags
  }

  std::string error;
  auto ask = [&](std::string_view url, int64_t at_s, QueryStats* stats = nullptr) {
    TimeUrlQuery q{kT0 + at_s * kMicrosPerSecond, 0, *parse_query_url(url, &error), ""};
    std::vector<std::string> hosts;
    for (const Hit& h : find_time_url(r, q, stats)) hosts.push_back(h.record.host);
    return hosts;
  };
  using Hosts = std::vector<std::string>;
  EXPECT_EQ(ask("https://site.example/page/300", 300), (Hosts{"", "site.example"}));
  EXPECT_EQ(ask("https://elsewhere.example/page/300", 300), (Hosts{""}));
  EXPECT_EQ(ask("https://other.example/page/300", 300), (Hosts{"", "other.example"}));
  EXPECT_EQ(ask("https://other.example/page/301", 301), (Hosts{"", ""}));  // the mixed log's is host-less
  EXPECT_EQ(ask("/page/300", 300), (Hosts{"", "site.example", "other.example"}));
  // The path is in the time's blocks of all three logs; where a host is
  // logged, only blocks with its pair are read.
  QueryStats stats;
  EXPECT_EQ(ask("https://elsewhere.example/page/300", 300, &stats).size(), 1u);
  EXPECT_EQ(stats.blocks_read, 2u) << "the host-less block and the mixed one, not the other host's";
}

TEST(Query, DurationWidensTheMatch) {
  TempDir d;
  // An upload logged at its start, lasting 100 s, asked about at its end.
  RecordSpec upload{.time_us = kT0 - 100 * kMicrosPerSecond, .target = "/up", .duration_us = 100 * kMicrosPerSecond};
  // nginx-style: logged at write time, so it started 100 s before.
  RecordSpec written{.time_us = kT0 + 100 * kMicrosPerSecond, .target = "/up", .duration_us = 100 * kMicrosPerSecond,
                     .meaning = TimeMeaning::kLogWrite};
  build_index(d.path(), {{upload, written}});
  IndexReader r(d.path());
  std::string error;
  TimeUrlQuery q{kT0, 1 * kMicrosPerSecond, *parse_query_url("/up", &error), ""};
  EXPECT_EQ(find_time_url(r, q).size(), 2u);
}

TEST(Query, AddressAndCidrForV4AndV6) {
  TempDir d;
  auto specs = traffic();
  specs.push_back(RecordSpec{.ip = "2001:db8:1:2::5"});
  specs.push_back(RecordSpec{.ip = "2001:db8:1:3::5"});
  specs.push_back(RecordSpec{.ip = "2001:db8:2::5"});
  IndexWriter::Options small_blocks;
  small_blocks.segment.block_records = 256;
  build_index(d.path(), {specs}, small_blocks);
  IndexReader r(d.path());

  auto count = [&](std::string_view prefix, std::optional<int64_t> from = {}, std::optional<int64_t> to = {}) {
    return find_address(r, AddressQuery{*IpPrefix::parse(prefix), from, to}).hits.size();
  };
  EXPECT_EQ(count("198.51.100.7"), 15u);  // 3000 / 200
  EXPECT_EQ(count("198.51.100.0/24"), 3000u);
  EXPECT_EQ(count("198.51.100.0/28"), 16u * 15);
  EXPECT_EQ(count("198.51.0.0/16"), 3000u);
  EXPECT_EQ(count("198.0.0.0/8"), 3000u);
  EXPECT_EQ(count("0.0.0.0/0"), 3000u);
  EXPECT_EQ(count("2001:db8:1::/48"), 2u);
  EXPECT_EQ(count("2001:db8::/32"), 3u);
  EXPECT_EQ(count("2001:db8:1:2::5"), 1u);
  EXPECT_EQ(count("198.51.100.7", kT0, kT0 + 1000 * kMicrosPerSecond), 5u);
  EXPECT_EQ(count("192.0.2.0/24"), 0u);
}

}  // namespace
}  // namespace alcor
