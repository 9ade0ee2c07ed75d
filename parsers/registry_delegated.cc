#include "parsers/registry_delegated.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "parsers/registry_text.h"

namespace alcor::registry {
namespace {

std::vector<std::string_view> split_bars(std::string_view line) {
  std::vector<std::string_view> f;
  while (true) {
    size_t bar = line.find('|');
    f.push_back(line.substr(0, bar));
    if (bar == std::string_view::npos) return f;
    line.remove_prefix(bar + 1);
  }
}

std::optional<uint64_t> parse_count(std::string_view s) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool is_version_field(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789.") == std::string_view::npos;
}

bool is_content_line(std::string_view line) {
  line = trim(line);
  return !line.empty() && line.front() != '#';
}

Network make_network(const std::vector<std::string_view>& f, size_t line_no) {
  const std::string_view type = f[2], start = f[3], value = f[4];
  auto first = parse_ip(start);
  auto size = parse_count(value);
  if (!first || !size) throw ParseError(line_no, "bad " + std::string(type) + " block '" +
                                                     std::string(start) + "|" + std::string(value) + "'");
  std::optional<IpRange> range;
  if (type == "ipv4") {
    range = v4_count_range(*first, *size);  // an address count, not a prefix length
  } else if (!first->is_v4()) {
    range = prefix_range(*first, static_cast<int>(std::min<uint64_t>(*size, 129)));
  }
  if (!range) throw ParseError(line_no, "block " + std::string(start) + " size " +
                                            std::string(value) + " does not fit " + std::string(type));
  Network n;
  n.range = *range;
  n.source = std::string(f[0]);
  n.country = (f[1] == "ZZ") ? "" : std::string(f[1]);  // ZZ: no country (free/reserved space)
  n.date = normalize_date(f[5]);
  n.status = std::string(f[6]);
  classify_status(n.status, &n.delegation, &n.portability);
  n.portability = Portability::kPortable;  // made by an RIR
  if (f.size() > 7) n.handle = std::string(f[7]);
  return n;
}

}  // namespace

bool looks_like_delegated_stats(std::string_view text) {
  bool found = false, result = false;
  for_each_line(text.substr(0, 64 * 1024), [&](std::string_view line, size_t) {
    if (found || !is_content_line(line)) return;
    found = true;
    auto f = split_bars(trim(line));
    result = f.size() >= 7 && is_version_field(f[0]);
  });
  return result;
}

ImportBatch parse_delegated_stats(std::string_view text, const DelegatedOptions& options) {
  ImportBatch batch;
  batch.kind = SourceKind::kDelegatedStats;
  bool have_version = false;
  uint64_t announced = 0, records = 0;
  for_each_line(text, [&](std::string_view raw, size_t line_no) {
    if (!is_content_line(raw)) return;
    auto f = split_bars(trim(raw));
    if (!have_version) {
      if (f.size() < 7 || !is_version_field(f[0]) || !parse_count(f[3])) {
        throw ParseError(line_no, "expected the version line 'version|registry|serial|records|"
                                  "startdate|enddate|UTCoffset'");
      }
      have_version = true;
      announced = *parse_count(f[3]);
      batch.data_date = normalize_date(f[5]);
      batch.date_origin = "version line end date";
      if (batch.data_date.empty() && f[2].size() == 8) {
        batch.data_date = normalize_date(f[2]);
        batch.date_origin = "version line serial";
      }
      return;
    }
    if (f.size() >= 6 && f[1] == "*" && f.back() == "summary") return;
    if (f.size() < 7 || f.size() > 9) {
      throw ParseError(line_no, "expected 7 to 9 '|'-separated fields, found " +
                                    std::to_string(f.size()));
    }
    ++records;
    const std::string_view type = f[2], status = f[6];
    if (type == "asn") return;
    if (type != "ipv4" && type != "ipv6") {
      throw ParseError(line_no, "unknown record type '" + std::string(type) + "'");
    }
    Network n = make_network(f, line_no);
    // available / reserved space has no holder to name
    if (status == "allocated" || status == "assigned") batch.networks.push_back(std::move(n));
  });
  if (!have_version) throw ParseError(0, "no version line: not an RIR statistics file");
  if (options.check_record_count && records != announced) {
    throw ParseError(0, "version line announces " + std::to_string(announced) +
                            " records but the file holds " + std::to_string(records) +
                            " (truncated or edited file)");
  }
  return batch;
}

}  // namespace alcor::registry
