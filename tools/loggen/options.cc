#include "tools/loggen/options.h"

#include <boost/program_options.hpp>
#include <cmath>
#include <iostream>
#include <stdexcept>

#include "tools/loggen/civil_time.h"

namespace alcor::loggen {
namespace {

namespace po = boost::program_options;

// "1500000", "64K", "100M", "2G" (binary multiples).
uint64_t parse_size(const std::string& text) {
  size_t used = 0;
  uint64_t v = 0;
  try {
    v = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const std::string unit = used == 0 ? "?" : text.substr(used);
  int shift = -1;
  if (unit.empty()) shift = 0;
  if (unit == "K" || unit == "k") shift = 10;
  if (unit == "M") shift = 20;
  if (unit == "G") shift = 30;
  if (shift < 0 || v == 0) throw std::invalid_argument("--size: expected a positive byte count like 500M, got '" + text + "'");
  return v << shift;
}

template <typename T>
T require(std::optional<T> v, const std::string& option, const std::string& text) {
  if (!v) throw std::invalid_argument(option + ": cannot use '" + text + "'");
  return *v;
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  std::string format, start, tz, size, compress;
  double days = 1;
  po::options_description desc(
      "alcor-loggen: writes realistic shared-hosting access logs with planted postings\nOptions");
  desc.add_options()
      ("help,h", "this help")
      ("out,o", po::value(&o.out_dir)->default_value(o.out_dir), "output directory (created)")
      ("basename", po::value(&o.basename)->default_value(o.basename), "name of the newest file")
      ("format", po::value(&format)->default_value("combined_port"),
       "combined_port | vhost_combined | combined | common")
      ("start", po::value(&start)->default_value("2026-01-01T00:00:00+09:00"), "first request time, RFC 3339")
      ("days", po::value(&days)->default_value(days), "time span in days (fractions allowed)")
      ("tz-offset", po::value(&tz)->default_value("+0900"), "UTC offset the server logs in")
      ("seed", po::value(&o.seed)->default_value(o.seed), "random seed: same seed and options, same bytes")
      ("lines", po::value(&o.lines), "background lines (planted lines come on top)")
      ("size", po::value(&size), "approximate uncompressed volume instead of --lines (e.g. 500M, 4G)")
      ("junk-rate", po::value(&o.junk_rate)->default_value(o.junk_rate), "share of junk lines")
      ("files", po::value(&o.files)->default_value(o.files), "rotated files the span is split into")
      ("compress", po::value(&compress)->default_value("gzip"), "none | gzip | zstd | mixed")
      ("plain-newest", po::value(&o.plain_newest)->default_value(o.plain_newest),
       "newest files left uncompressed (logrotate delaycompress: 2)")
      ("level", po::value(&o.level)->default_value(o.level), "compression level (ISA-L 0..3, zstd 1..19)")
      ("plant", po::value(&o.plants)->default_value(o.plants), "planted postings")
      ("sites", po::value(&o.sites)->default_value(o.sites), "virtual hosts")
      ("urls-per-site", po::value(&o.urls_per_site)->default_value(o.urls_per_site), "distinct URLs per site")
      ("truth", po::value(&o.truth_file), "ground truth of the planted postings (JSON Lines)")
      ("summary", po::value(&o.summary_file), "totals per file and junk kind (JSON)");

  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw std::invalid_argument(e.what());
  }
  if (vm.count("help")) {
    std::cout << desc << '\n';
    return std::nullopt;
  }
  o.format = require(parse_log_format(format), "--format", format);
  o.start = require(parse_rfc3339(start), "--start", start);
  o.utc_offset_s = require(parse_utc_offset(tz), "--tz-offset", tz);
  o.compression = require(parse_compression_mode(compress), "--compress", compress);
  if (!(days > 0) || days > 3660) throw std::invalid_argument("--days must be in (0, 3660]");
  o.span_seconds = static_cast<int64_t>(std::llround(days * 86400));
  if (vm.count("size") && vm.count("lines")) throw std::invalid_argument("give --size or --lines, not both");
  if (vm.count("size")) o.target_bytes = parse_size(size);
  if (o.lines == 0 && o.target_bytes == 0) throw std::invalid_argument("give --lines N or --size BYTES");
  if (o.files == 0 || o.files > 1000) throw std::invalid_argument("--files must be in 1..1000");
  if (!(o.junk_rate >= 0 && o.junk_rate <= 1)) throw std::invalid_argument("--junk-rate must be in [0, 1]");
  if (o.sites == 0 || o.urls_per_site < 32) throw std::invalid_argument("need at least one site and 32 URLs per site");
  return o;
}

}  // namespace alcor::loggen
