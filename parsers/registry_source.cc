#include "parsers/registry_source.h"

#include <openssl/evp.h>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "parsers/registry_address_book.h"
#include "parsers/registry_delegated.h"
#include "parsers/registry_jpnic.h"
#include "parsers/registry_rdap.h"
#include "parsers/registry_rpsl.h"

namespace alcor::registry {
namespace fs = std::filesystem;

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

namespace {

std::string gunzip(const std::string& compressed) {
  namespace io = boost::iostreams;
  std::string out;
  io::filtering_istream in;
  in.push(io::gzip_decompressor());
  in.push(io::array_source(compressed.data(), compressed.size()));
  io::copy(in, io::back_inserter(out));
  return out;
}

std::string mtime_date(const fs::path& path) {
  auto t = fs::last_write_time(path);
  auto sys = std::chrono::file_clock::to_sys(t);
  auto days = std::chrono::floor<std::chrono::days>(sys);
  std::chrono::year_month_day ymd{days};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

RegistryFile read_registry_file(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ParseError(0, "cannot open: " + std::string(std::strerror(errno)));
  std::ostringstream ss;
  ss << f.rdbuf();
  if (f.bad()) throw ParseError(0, "read error");
  RegistryFile file;
  file.name = path.string();
  std::string raw = ss.str();
  file.sha256 = sha256_hex(raw);
  file.mtime_date = mtime_date(path);
  if (raw.starts_with("PK\x03\x04")) {
    throw ParseError(0, "zip archive: extract it first (e.g. ARIN's arin_db.txt)");
  }
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0x1f &&
      static_cast<unsigned char>(raw[1]) == 0x8b) {
    try {
      file.text = gunzip(raw);
    } catch (const std::exception& e) {
      throw ParseError(0, std::string("corrupt or truncated gzip data (") + e.what() + ")");
    }
  } else {
    file.text = std::move(raw);
  }
  return file;
}

SourceKind detect_kind(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && text[start] == '{') return SourceKind::kRdap;
  if (looks_like_delegated_stats(text)) return SourceKind::kDelegatedStats;
  if (looks_like_jpnic(text)) return SourceKind::kJpnic;
  if (looks_like_address_book(text)) return SourceKind::kAddressBook;
  return SourceKind::kRpsl;
}

ImportBatch parse_registry_file(const RegistryFile& file, const ImportOptions& options) {
  ImportBatch batch;
  switch (options.kind.value_or(detect_kind(file.text))) {
    case SourceKind::kDelegatedStats:
      batch = parse_delegated_stats(file.text, {options.check_record_count});
      break;
    case SourceKind::kRpsl: batch = parse_rpsl(file.text); break;
    case SourceKind::kJpnic: batch = parse_jpnic(file.text); break;
    case SourceKind::kRdap: batch = parse_rdap(file.text); break;
    case SourceKind::kAddressBook: batch = parse_address_book(file.text); break;
  }
  if (batch.networks.empty() && batch.contacts.empty() && batch.book.empty()) {
    throw ParseError(0, std::string("no networks, contacts or address-book rows found (read as ") +
                            to_string(batch.kind) + ")");
  }
  if (batch.data_date.empty()) {
    batch.data_date = file.mtime_date;
    batch.date_origin = "file modification time";
  }
  return batch;
}

}  // namespace alcor::registry
