#include "index/registry_db.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "parsers/registry_source.h"

namespace alcor::registry {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMagic = "alcor-registry 1";
constexpr char kListSep = '\x1f';

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case kListSep: out += "\\x"; break;
      default: out += c;
    }
  }
  return out;
}

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    switch (s[++i]) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'x': out += kListSep; break;
      default: out += s[i];
    }
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    size_t p = s.find(sep);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) return out;
    s.remove_prefix(p + 1);
  }
}

std::string hex128(const IpAddress& a) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : a.bytes()) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

// Appends one record's fields to a line.
class FieldWriter {
 public:
  explicit FieldWriter(char tag) : line_(1, tag) {}
  void operator()(const std::string& s) { add(escape(s)); }
  void operator()(uint64_t v) { add(std::to_string(v)); }
  void operator()(uint32_t v) { add(std::to_string(v)); }
  void operator()(const IpAddress& a) { add(hex128(a)); }
  template <class E>
    requires std::is_enum_v<E>
  void operator()(E e) { add(std::to_string(static_cast<int>(e))); }
  void operator()(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& item : items) {
      if (!s.empty()) s += kListSep;
      s += escape(item);
    }
    add(s);
  }
  void operator()(const std::vector<ContactRef>& refs) {
    std::vector<std::string> items;
    for (const auto& r : refs) items.push_back(r.role + " " + r.handle);
    (*this)(items);
  }
  const std::string& line() const { return line_; }

 private:
  void add(const std::string& field) { (line_ += '\t') += field; }
  std::string line_;
};

// Reads one record's fields back, in the order FieldWriter wrote them.
class FieldReader {
 public:
  FieldReader(std::vector<std::string_view> fields, size_t line_no)
      : fields_(std::move(fields)), line_no_(line_no) {}
  void operator()(std::string& s) { s = unescape(next()); }
  void operator()(uint64_t& v) { v = number(next()); }
  void operator()(uint32_t& v) { v = static_cast<uint32_t>(number(next())); }
  void operator()(IpAddress& a) {
    std::string_view h = next();
    IpAddress::Bytes b{};
    if (h.size() != 32) fail("bad address field");
    for (size_t i = 0; i < 16; ++i) {
      auto [p, ec] = std::from_chars(h.data() + 2 * i, h.data() + 2 * i + 2, b[i], 16);
      if (ec != std::errc() || p != h.data() + 2 * i + 2) fail("bad address field");
    }
    a = IpAddress(b);
  }
  template <class E>
    requires std::is_enum_v<E>
  void operator()(E& e) { e = static_cast<E>(number(next())); }
  void operator()(std::vector<std::string>& items) {
    items.clear();
    std::string_view f = next();
    if (f.empty()) return;
    for (auto item : split(f, kListSep)) items.push_back(unescape(item));
  }
  void operator()(std::vector<ContactRef>& refs) {
    std::vector<std::string> items;
    (*this)(items);
    refs.clear();
    for (const auto& item : items) {
      size_t sp = item.find(' ');
      if (sp == std::string::npos) fail("bad reference field");
      refs.push_back({item.substr(0, sp), item.substr(sp + 1)});
    }
  }
  void finish() const {
    if (next_ != fields_.size()) fail("too many fields");
  }

 private:
  std::string_view next() {
    if (next_ >= fields_.size()) fail("too few fields");
    return fields_[next_++];
  }
  uint64_t number(std::string_view s) const {
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size()) fail("bad number field");
    return v;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw RegistryDbError("registry database line " + std::to_string(line_no_) + ": " + what);
  }
  std::vector<std::string_view> fields_;
  size_t next_ = 1;  // field 0 is the record tag
  size_t line_no_;
};

// One list of fields per record type, shared by writing and reading.
template <class IO, class S>
void fields(IO& io, S& s) requires std::is_same_v<std::remove_const_t<S>, Snapshot> {
  io(s.kind), io(s.file_name), io(s.sha256), io(s.data_date), io(s.date_origin),
      io(s.imported_at), io(s.networks), io(s.contacts), io(s.book_entries);
}
template <class IO, class N>
void fields(IO& io, N& n) requires std::is_same_v<std::remove_const_t<N>, Network> {
  io(n.snapshot), io(n.range.first), io(n.range.last), io(n.source), io(n.handle),
      io(n.netname), io(n.holder), io(n.holder_alt), io(n.holder_handle), io(n.country),
      io(n.status), io(n.delegation), io(n.portability), io(n.date), io(n.abuse_mailboxes),
      io(n.refs), io(n.maintainers), io(n.remarks);
}
template <class IO, class C>
void fields(IO& io, C& c) requires std::is_same_v<std::remove_const_t<C>, Contact> {
  io(c.snapshot), io(c.handle), io(c.object), io(c.name), io(c.abuse_mailboxes), io(c.emails),
      io(c.address), io(c.remarks), io(c.refs);
}
template <class IO, class B>
void fields(IO& io, B& b) requires std::is_same_v<std::remove_const_t<B>, BookEntry> {
  io(b.snapshot), io(b.key), io(b.organisation), io(b.postal_address), io(b.disclosure_desk),
      io(b.note);
}

template <class T>
void write_records(char tag, const std::vector<T>& records, std::string* out) {
  for (const T& r : records) {
    FieldWriter w(tag);
    fields(w, r);
    (*out += w.line()) += '\n';
  }
}

template <class T>
void read_record(std::vector<std::string_view> f, size_t line_no, std::vector<T>* out) {
  FieldReader r(std::move(f), line_no);
  T rec;
  fields(r, rec);
  r.finish();
  out->push_back(std::move(rec));
}

std::string serialise(const RegistryData& data) {
  std::string out(kMagic);
  out += '\n';
  write_records('S', data.snapshots, &out);
  write_records('N', data.networks, &out);
  write_records('C', data.contacts, &out);
  write_records('B', data.book, &out);
  size_t records = data.snapshots.size() + data.networks.size() + data.contacts.size() + data.book.size();
  out += "end\t" + std::to_string(records) + "\t" + sha256_hex(out) + "\n";
  return out;
}

RegistryData deserialise(std::string_view text) {
  if (!text.starts_with(std::string(kMagic) + "\n")) {
    throw RegistryDbError("not an alcor registry database (or an unsupported version)");
  }
  size_t end_at = text.rfind("\nend\t");
  if (end_at == std::string_view::npos || text.back() != '\n') {
    throw RegistryDbError("registry database is truncated (no end line)");
  }
  std::string_view body = text.substr(0, end_at + 1);
  auto trailer = split(text.substr(end_at + 1, text.size() - end_at - 2), '\t');
  if (trailer.size() != 3 || trailer[2] != sha256_hex(body)) {
    throw RegistryDbError("registry database checksum mismatch (damaged or edited file)");
  }
  RegistryData data;
  size_t line_no = 1;
  body.remove_prefix(kMagic.size() + 1);
  while (!body.empty()) {
    ++line_no;
    size_t nl = body.find('\n');
    auto f = split(body.substr(0, nl), '\t');
    body.remove_prefix(nl + 1);
    switch (f[0].size() == 1 ? f[0][0] : '?') {
      case 'S': read_record(std::move(f), line_no, &data.snapshots); break;
      case 'N': read_record(std::move(f), line_no, &data.networks); break;
      case 'C': read_record(std::move(f), line_no, &data.contacts); break;
      case 'B': read_record(std::move(f), line_no, &data.book); break;
      default:
        throw RegistryDbError("registry database line " + std::to_string(line_no) +
                              ": unknown record type");
    }
  }
  auto check = [&](uint32_t snapshot) {
    if (snapshot >= data.snapshots.size()) {
      throw RegistryDbError("registry database refers to a missing snapshot");
    }
  };
  for (const auto& n : data.networks) check(n.snapshot);
  for (const auto& c : data.contacts) check(c.snapshot);
  for (const auto& b : data.book) check(b.snapshot);
  return data;
}

[[noreturn]] void fail_errno(const std::string& what, const fs::path& p) {
  throw RegistryDbError(what + " " + p.string() + ": " + std::strerror(errno));
}

void write_all(int fd, std::string_view bytes, const fs::path& p) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail_errno("cannot write", p);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void ensure_dir(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) fail_errno("cannot create", dir);
}

}  // namespace

int RegistryData::find_snapshot(const std::string& sha256) const {
  for (size_t i = 0; i < snapshots.size(); ++i) {
    if (snapshots[i].sha256 == sha256) return static_cast<int>(i);
  }
  return -1;
}

uint32_t RegistryData::add(ImportBatch batch, const std::string& file_name,
                           const std::string& sha256, const std::string& imported_at) {
  const auto id = static_cast<uint32_t>(snapshots.size());
  snapshots.push_back({batch.kind, file_name, sha256, batch.data_date, batch.date_origin,
                       imported_at, batch.networks.size(), batch.contacts.size(), batch.book.size()});
  for (auto& n : batch.networks) (n.snapshot = id, networks.push_back(std::move(n)));
  for (auto& c : batch.contacts) (c.snapshot = id, contacts.push_back(std::move(c)));
  for (auto& b : batch.book) (b.snapshot = id, book.push_back(std::move(b)));
  return id;
}

fs::path registry_db_file(const fs::path& dir) { return dir / "registry.db"; }

RegistryData load_registry(const fs::path& dir) {
  const fs::path p = registry_db_file(dir);
  std::ifstream f(p, std::ios::binary);
  if (!f) {
    if (errno == ENOENT) return {};
    fail_errno("cannot open", p);
  }
  std::ostringstream ss;
  ss << f.rdbuf();
  return deserialise(ss.str());
}

void save_registry(const fs::path& dir, const RegistryData& data) {
  ensure_dir(dir);
  const std::string bytes = serialise(data);
  const fs::path final_path = registry_db_file(dir);
  const fs::path tmp = dir / ("registry.db.tmp." + std::to_string(::getpid()));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail_errno("cannot create", tmp);
  try {
    write_all(fd, bytes, tmp);
    if (::fsync(fd) != 0) fail_errno("cannot fsync", tmp);
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (::close(fd) != 0) fail_errno("cannot close", tmp);
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    fail_errno("cannot rename onto", final_path);
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) fail_errno("cannot open", dir);
  int rc = ::fsync(dfd);
  ::close(dfd);
  if (rc != 0) fail_errno("cannot fsync", dir);
}

RegistryLock::RegistryLock(const fs::path& dir) {
  ensure_dir(dir);
  const fs::path p = dir / "registry.lock";
  fd_ = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) fail_errno("cannot open", p);
  if (::flock(fd_, LOCK_EX) != 0) {
    ::close(fd_);
    fail_errno("cannot lock", p);
  }
}

RegistryLock::~RegistryLock() { ::close(fd_); }

}  // namespace alcor::registry
