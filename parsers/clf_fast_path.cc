#include "parsers/clf_fast_path.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "parsers/ip_address.h"
#include "parsers/nginx_format.h"
#include "parsers/request_line.h"

namespace alcor::apache {
namespace {

// Whether two compiled steps read a line alike: everything the walker looks
// at but the item's spelling ("%{User-agent}i" and "%{User-Agent}i" are
// one item).
bool same_step(const Step& a, const Step& b) {
  return a.kind == b.kind && a.field == b.field && a.quoted == b.quoted && a.conditional == b.conditional &&
         a.log_write == b.log_write && a.rank == b.rank && a.scale == b.scale && a.dash_value == b.dash_value &&
         a.decimal_seconds == b.decimal_seconds && a.text == b.text && a.last == b.last &&
         a.before_last_literal == b.before_last_literal && a.before_query == b.before_query &&
         a.before_colon_number == b.before_colon_number && a.number_end == b.number_end;
}

bool same_steps(const Format& a, const Format& b) {
  if (a.steps.size() != b.steps.size() || a.escape != b.escape || a.has_path != b.has_path ||
      a.has_host != b.has_host || a.empty_is_unknown != b.empty_is_unknown) {
    return false;
  }
  for (size_t i = 0; i < a.steps.size(); ++i) {
    if (!same_step(a.steps[i], b.steps[i])) return false;
  }
  return true;
}

// Every shape the fast path reads, compiled once.
const std::vector<Format>& shapes() {
  static const std::vector<Format> compiled = [] {
    std::vector<Format> out;
    std::string error;
    for (const std::string& format : ClfFastPath::formats()) out.push_back(*compile(format, &error));
    for (const std::string& format : ClfFastPath::nginx_formats()) {
      out.push_back(*compile_nginx(format, Escape::kNginx, &error));
    }
    return out;
  }();
  return compiled;
}

bool is_digit(char c) { return static_cast<unsigned char>(c - '0') <= 9; }

// Skips `literal` at *p; false when the line does not go on with it.
// Inlined, the literal's length is a constant and the compare a few loads.
[[gnu::always_inline]] inline bool skip(const char** p, const char* end, std::string_view literal) {
  if (size_t(end - *p) < literal.size() || std::memcmp(*p, literal.data(), literal.size()) != 0) return false;
  *p += literal.size();
  return true;
}

// The value of the first `count` (1 to 8) decimal digits of the eight bytes
// in `word` (first byte lowest), by SWAR: the digits are shifted to the top
// bytes and pairs, quads and octets are combined by three multiplications.
uint64_t eight_digits_value(uint64_t word, unsigned count) {
  uint64_t v = (word & 0x0F0F0F0F0F0F0F0F) << (8 * (8 - count));
  v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FF;
  v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFF;
  return (v * 10000 + (v >> 32)) & 0xFFFFFFFF;
}

// How many of the eight bytes in `word` (first byte lowest) are decimal
// digits before the first that is not one. A byte above '9' may carry into
// the flags of the bytes after it, which are past the first non-digit.
unsigned leading_digits(uint64_t word) {
  const uint64_t t = word ^ 0x3030303030303030;  // digits become 0..9
  const uint64_t non_digit = (t | (t + 0x0606060606060606)) & 0xF0F0F0F0F0F0F0F0;
  return non_digit == 0 ? 8 : unsigned(__builtin_ctzll(non_digit)) / 8;
}

// One to 18 decimal digits at *p (the walker's read_decimal takes no more),
// not followed by another digit before `end`; [begin, end) may be loaded.
// Read eight bytes at a time: a digit loop would mispredict its exit on
// every number of a new length. A number that ends the line (a client
// port, a size) is read from the line's last eight bytes, shifted down.
[[gnu::always_inline]] inline bool read_number(const char* begin, const char** p, const char* end, int64_t* out) {
  const char* q = *p;
  if (q == end) return false;
  if (std::endian::native == std::endian::little && end - begin >= 8) {
    uint64_t word;
    if (end - q >= 8) {
      std::memcpy(&word, q, 8);
    } else {
      std::memcpy(&word, end - 8, 8);
      word >>= 8 * (8 - (end - q));  // zero bytes past end: no digits
    }
    const unsigned count = leading_digits(word);
    if (count == 0) return false;
    if (count < 8) {
      *out = static_cast<int64_t>(eight_digits_value(word, count));
      *p = q + count;
      return true;
    }
  }
  const char* const limit = q + std::min<ptrdiff_t>(end - q, 18);
  int64_t n = 0;
  for (; q < limit && is_digit(*q); ++q) n = n * 10 + (*q - '0');
  if (q == *p || (q < end && is_digit(*q))) return false;
  *out = n;
  *p = q;
  return true;
}

// The first `stop`, '\\' or NUL in [p, end), or end; [begin, end) is the
// line, all of which may be loaded. Searched 16 bytes at a time: quoted
// values (user agents) are long, and even an address is mostly one block.
// The last block is the line's last 16 bytes, its bytes before p masked off,
// so the field that ends a line takes no byte loop.
[[gnu::always_inline]] inline const char* find_stop_or_odd(const char* begin, const char* p, const char* end,
                                                           char stop) {
#if defined(__SSE2__)
  const __m128i stops = _mm_set1_epi8(stop);
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i nul = _mm_setzero_si128();
  auto hits = [&](const char* block) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, stops), _mm_cmpeq_epi8(v, backslash)), _mm_cmpeq_epi8(v, nul));
    return static_cast<unsigned>(_mm_movemask_epi8(hit));
  };
  for (; end - p >= 16; p += 16) {
    if (const unsigned mask = hits(p); mask != 0) return p + __builtin_ctz(mask);
  }
  if (p < end && end - begin >= 16) {
    const char* const block = end - 16;
    const unsigned mask = hits(block) & (0xffffu << (p - block));
    return mask != 0 ? block + __builtin_ctz(mask) : end;
  }
#endif
  for (; p < end; ++p) {
    if (*p == stop || *p == '\\' || *p == '\0') return p;
  }
  return end;
}

// The first `stop` byte at or after p; nullptr when a NUL or a backslash
// comes first (the walker's business) or the line ends.
const char* find_unescaped(const char* begin, const char* p, const char* end, char stop) {
  p = find_stop_or_odd(begin, p, end, stop);
  return p != end && *p == stop ? p : nullptr;
}

// A quoted value from *p up to its closing quote, the first '"' not
// escaped by a backslash (find_closing_quote's rule, read left to right);
// *p is left on the quote. A value with escapes is unescaped onto *scratch
// as the walker does for `escape` (kApache or kNginx). False at a NUL or
// when the line ([begin, end)) ends first.
bool read_quoted(const char* begin, const char** p, const char* end, Escape escape, std::string* scratch,
                 std::string_view* value) {
  const char* q = find_stop_or_odd(begin, *p, end, '"');
  bool escaped = false;
  while (q != end && *q == '\\') {
    if (end - q < 2 || q[1] == '\0') return false;
    escaped = true;
    q = find_stop_or_odd(begin, q + 2, end, '"');
  }
  if (q == end || *q != '"') return false;
  *value = std::string_view(*p, size_t(q - *p));
  if (escaped) {
    const size_t start = scratch->size();
    unescape_item(escape, *value, scratch);
    *value = std::string_view(*scratch).substr(start);
  }
  *p = q;
  return true;
}

}  // namespace

std::vector<std::string> ClfFastPath::formats() {
  std::vector<std::string> out;
  for (const char* vhost : {"", "%v ", "%v:%p "}) {
    for (const char* bytes : {"%b", "%O"}) {
      for (const char* tail : {"", R"( "%{Referer}i" "%{User-Agent}i")", R"( "%{Referer}i" "%{User-Agent}i" %{remote}p)"}) {
        out.push_back(std::string(vhost) + R"(%h %l %u %t "%r" %>s )" + bytes + tail);
      }
    }
  }
  return out;
}

std::vector<std::string> ClfFastPath::nginx_formats() { return {std::string(kNginxCombined), std::string(kNginxMain)}; }

std::optional<ClfFastPath> ClfFastPath::for_format(const Format& format) {
  for (const Format& shape : shapes()) {
    if (!same_steps(format, shape)) continue;
    ClfFastPath fast;
    fast.escape_ = format.escape;
    for (const Step& s : format.steps) {
      if (s.field == Field::kHost) fast.vhost_ = s.before_colon_number ? Vhost::kHostPort : Vhost::kHost;
      if (s.field == Field::kBytes) fast.bytes_dash_ = s.dash_value;
      if (s.field == Field::kTime) fast.log_write_ = s.log_write;
      fast.agent_ |= s.field == Field::kUserAgent;
      fast.client_port_ |= s.field == Field::kClientPort;
      fast.forwarded_for_ |= s.field == Field::kForwardedFor;
    }
    return fast;
  }
  return std::nullopt;
}

bool ClfFastPath::read(std::string_view line, ApacheTimeReader& times, std::string* scratch, LogRecord* out) const {
  const char* const begin = line.data();
  const char* const end = begin + line.size();
  const char* p = begin;
  int64_t n = 0;

  if (vhost_ != Vhost::kNone) {
    const char* space = find_unescaped(begin, p, end, ' ');
    if (space == nullptr) return false;
    const char* host_end = space;
    if (vhost_ == Vhost::kHostPort) {
      // The host ends at the last ':' before the space: an IPv6 literal holds colons.
      host_end = static_cast<const char*>(memrchr(p, ':', size_t(space - p)));
      if (host_end == nullptr) return false;
      const char* q = host_end + 1;
      if (!read_number(begin, &q, space, &n) || q != space || n > 65535) return false;
      out->server_port = static_cast<int32_t>(n);
    }
    out->host = std::string_view(p, size_t(host_end - p));
    p = space + 1;
  }

  const char* space = find_unescaped(begin, p, end, ' ');
  if (space == nullptr) return false;
  const std::string_view client(p, size_t(space - p));
  const std::optional<IpAddress> address = IpAddress::parse(client);
  if (!address) return false;
  out->client_text = client;
  out->client_kind = ClientKind::kAddress;
  out->client = *address;
  p = space + 1;

  // %l and %u logged as "-", then %t: "[10/Oct/2000:13:55:36 -0700]".
  if (!skip(&p, end, "- - [") || end - p < 27 || p[26] != ']') return false;
  const std::optional<Timestamp> t = times.parse(std::string_view(p, 26));
  if (!t) return false;
  // Member by member: the precision (seconds) and offset source (logged)
  // are the cleared record's, and a whole-struct copy would load across the
  // narrower stores that made *t.
  out->time.utc_us = t->utc_us;
  out->time.offset_s = t->offset_s;
  out->time_meaning = log_write_ ? TimeMeaning::kLogWrite : TimeMeaning::kRequestStart;
  p += 27;

  std::string_view value;
  if (!skip(&p, end, " \"") || !read_quoted(begin, &p, end, escape_, scratch, &value)) return false;
  const RequestLine request = split_request_line(value);
  out->method = request.method;
  out->target = request.target;
  out->protocol = request.protocol;
  if (!skip(&p, end, "\" ") || !read_number(begin, &p, end, &n) || n > 999) return false;
  out->status = static_cast<int32_t>(n);
  if (!skip(&p, end, " ")) return false;
  if (p < end && *p == '-') {
    n = bytes_dash_;
    ++p;
  } else if (!read_number(begin, &p, end, &n)) {
    return false;
  }
  out->response_bytes = n;
  if (!agent_) return p == end;

  if (!skip(&p, end, " \"") || !read_quoted(begin, &p, end, escape_, scratch, &value)) return false;
  out->referer = value;
  if (!skip(&p, end, "\" \"") || !read_quoted(begin, &p, end, escape_, scratch, &value)) return false;
  out->user_agent = value;
  if (forwarded_for_) {
    if (!skip(&p, end, "\" \"")) return false;
    const char* const logged = p;
    if (!read_quoted(begin, &p, end, escape_, scratch, &value)) return false;
    // The walker's rule for this header: a logged "-" is no header.
    out->forwarded_for = std::string_view(logged, size_t(p - logged)) == "-" ? std::string_view() : value;
  }
  if (!client_port_) return skip(&p, end, "\"") && p == end;
  if (!skip(&p, end, "\" ") || !read_number(begin, &p, end, &n) || n > 65535 || p != end) return false;
  out->client_port = static_cast<int32_t>(n);
  return true;
}

}  // namespace alcor::apache
