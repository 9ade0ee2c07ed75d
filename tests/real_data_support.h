// Parsing whole folders of ../shared/data/real with the formats their
// SOURCE.md names, for the real-data tests of every format family; and
// building parsers in format tests.
#ifndef ALCOR_TESTS_REAL_DATA_SUPPORT_H_
#define ALCOR_TESTS_REAL_DATA_SUPPORT_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "parsers/format_registry.h"
#include "tests/test_support.h"

namespace alcor::testing {

struct FileRule {
  std::string name_regex;  // files of the folder (paths relative to it) this rule covers
  std::string format;
  std::string tz;
  // A second format interleaved with the first (mixed files), tried per
  // line after it, as detection composes them.
  std::string mixed_with = {};
};

struct RealFolder {
  std::string name;
  std::vector<FileRule> rules;
  // "file:reason" -> count of rejected lines SOURCE.md explains.
  std::map<std::string, size_t> expected_rejects;
};

// The parser for `spec` (times without offset in `tz`); a test failure,
// naming the error, when there is none.
inline std::unique_ptr<LineParser> parser_for(std::string_view spec, const std::string& tz = "") {
  std::string error;
  auto p = make_parser(spec, ParseOptions{tz, ""}, &error);
  EXPECT_TRUE(p) << error;
  return p;
}

inline std::string decompressed(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  if (ext != ".gz" && ext != ".zst" && ext != ".bz2") return read_file(p);
  std::string out;
  const std::string tool = ext == ".gz" ? "gzip -dc " : ext == ".bz2" ? "bzip2 -dc " : "zstd -dc ";
  EXPECT_EQ(run_command(tool + "'" + p.string() + "'", &out), 0) << p;
  return out;
}

inline std::vector<std::string_view> split_lines(std::string_view data) {
  std::vector<std::string_view> lines;
  while (!data.empty()) {
    const size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
  }
  return lines;
}

// Parses every file of the folder a rule covers (files no rule covers are
// foreign to the format family under test and skipped), prints the share
// parsed and every rejected line, and checks the rejects against
// folder.expected_rejects (which also lists parsed records without a
// client, as "file:no_client"). Parsed records must have a time.
inline void check_real_folder(const RealFolder& folder) {
  SCOPED_TRACE(folder.name);
  const std::filesystem::path dir = shared_real_dir() / folder.name;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename() != "SOURCE.md") {
      files.push_back(std::filesystem::relative(e.path(), dir).string());
    }
  }
  std::sort(files.begin(), files.end());
  size_t total = 0, parsed = 0, covered = 0;
  std::map<std::string, size_t> rejects;
  for (const std::string& name : files) {
    const FileRule* rule = nullptr;
    for (const FileRule& r : folder.rules) {
      if (std::regex_match(name, std::regex(r.name_regex))) {
        rule = &r;
        break;
      }
    }
    if (rule == nullptr) continue;
    ++covered;
    std::string error;
    auto parser = make_parser(rule->format, ParseOptions{rule->tz, ""}, &error);
    ASSERT_NE(parser, nullptr) << error;
    if (!rule->mixed_with.empty()) {
      std::vector<std::unique_ptr<LineParser>> members;
      members.push_back(std::move(parser));
      members.push_back(make_parser(rule->mixed_with, ParseOptions{rule->tz, ""}, &error));
      ASSERT_NE(members.back(), nullptr) << error;
      parser = mixed_parser(std::move(members));
    }
    const std::string data = decompressed(dir / name);
    LogRecord rec;
    size_t line_no = 0;
    for (std::string_view line : split_lines(data)) {
      ++line_no;
      ++total;
      const RejectReason r = parser->parse(line, &rec);
      if (r == RejectReason::kNone) {
        ++parsed;
        // A record without a client is legal ("-") but useless for an
        // answer: listed with the rejects so each one is explained.
        if (rec.client_kind == ClientKind::kMissing) ++rejects[name + ":no_client"];
        EXPECT_GT(rec.time.utc_us, 0) << name << ":" << line_no;
        continue;
      }
      const size_t seen = ++rejects[name + ":" + std::string(reject_reason_name(r))];
      if (r != RejectReason::kHeader && seen <= 3) {  // a few examples of each kind
        std::cout << "  rejected " << folder.name << "/" << name << ":" << line_no << " (" << reject_reason_name(r)
                  << "): " << line.substr(0, 160) << "\n";
      }
    }
  }
  std::cout << "[ real data ] " << folder.name << ": parsed " << parsed << "/" << total << " lines ("
            << (total ? 100.0 * double(parsed) / double(total) : 0.0) << "%) in " << covered << " files\n";
  EXPECT_GT(covered, 0u);
  EXPECT_EQ(rejects, folder.expected_rejects);
}

}  // namespace alcor::testing

#endif  // ALCOR_TESTS_REAL_DATA_SUPPORT_H_
