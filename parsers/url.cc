#include "parsers/url.h"

#include <array>
#include <cstring>
#include <vector>

#include "parsers/ascii.h"
#include "parsers/sse2_bytes.h"

namespace alcor {
namespace {

bool is_unreserved(unsigned char c) {
  return is_ascii_alnum(static_cast<char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
}

// Characters that may stand unencoded in a path or query (RFC 3986
// pchar / query): unreserved, sub-delims, ':', '@', '/', '?'. A table:
// every byte of every logged target passes through here at ingest.
constexpr std::array<bool, 256> kMayStandRaw = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    t[c] = alnum || std::string_view("-._~!$&'()*+,;=:@/?").find(static_cast<char>(c)) != std::string_view::npos;
  }
  return t;
}();

bool may_stand_raw(unsigned char c) { return kMayStandRaw[c]; }

// Writes the percent-encoding of `c` at p; returns the byte after it.
char* put_escape(char* p, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  p[0] = '%';
  p[1] = kHex[c >> 4];
  p[2] = kHex[c & 15];
  return p + 3;
}

// Appends a path or query component with its percent-encoding normalised.
// Written through a pointer into room for the worst case (every byte
// escaped) and then cut to size: a push_back per byte checks the capacity
// each time, and targets with escapes are long (encoded search words).
void append_normalized(std::string_view s, std::string& out) {
  const size_t start = out.size();
  out.resize(start + 3 * s.size());
  char* p = out.data() + start;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size()) {
      int hi = hex_digit_value(s[i + 1]);
      int lo = hex_digit_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        unsigned char decoded = static_cast<unsigned char>(hi * 16 + lo);
        if (is_unreserved(decoded)) {
          *p++ = static_cast<char>(decoded);
        } else {
          p = put_escape(p, decoded);
        }
        i += 2;
        continue;
      }
    }
    if (may_stand_raw(c)) {
      *p++ = static_cast<char>(c);
    } else {
      p = put_escape(p, c);  // includes a '%' that starts no valid escape
    }
  }
  out.resize(static_cast<size_t>(p - out.data()));
}

// Whether a path has a "." or ".." segment for remove_dot_segments() to
// take out; most paths have none and are kept as they are.
bool has_dot_segment(std::string_view path) {
  for (size_t i = path.find("/."); i != std::string_view::npos; i = path.find("/.", i + 1)) {
    size_t end = i + 2;
    if (end < path.size() && path[end] == '.') ++end;
    if (end == path.size() || path[end] == '/') return true;
  }
  return false;
}

// RFC 3986 section 5.2.4, on a path that starts with '/'.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> kept;
  size_t pos = 1;
  bool trailing_slash = false;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    std::string_view seg = path.substr(pos, next - pos);
    bool last = next == path.size();
    if (seg == ".") {
      trailing_slash = last;
    } else if (seg == "..") {
      if (!kept.empty()) kept.pop_back();
      trailing_slash = last;
    } else {
      kept.push_back(seg);
      trailing_slash = false;
    }
    pos = next + 1;
  }
  std::string out;
  for (auto seg : kept) {
    out.push_back('/');
    out.append(seg);
  }
  if (out.empty() || trailing_slash) out.push_back('/');
  return out;
}

// Whether the '.' at target[i] (i > 0) starts a dot segment of the path:
// "/." or "/.." followed by '/', '?' or the end.
bool starts_dot_segment(std::string_view target, size_t i) {
  if (target[i - 1] != '/') return false;
  size_t j = i + 1;
  if (j < target.size() && target[j] == '.') ++j;
  return j == target.size() || target[j] == '/' || target[j] == '?';
}

#if defined(__SSE2__)
// Bit i set when byte i of v may not stand raw (kMayStandRaw): a control
// byte, a space, a byte above 0x7e, or one of "#%<>[\\]^`{|}. Computed from
// ranges so that a block costs a score of instructions.
unsigned encoded_bytes(__m128i v) {
  auto eq = [&](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  auto in = [&](char lo, char hi) { return sse2::in_range(v, lo, hi); };
  // Signed, 0x80..0xff are below 0x21 too.
  __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)), eq(0x7f));
  bad = _mm_or_si128(bad, _mm_or_si128(in('"', '#'), eq('%')));
  bad = _mm_or_si128(bad, _mm_or_si128(eq('<'), eq('>')));
  bad = _mm_or_si128(bad, _mm_or_si128(in('[', '^'), eq('`')));
  bad = _mm_or_si128(bad, in('{', '}'));
  return static_cast<unsigned>(_mm_movemask_epi8(bad));
}
#endif

}  // namespace

bool is_canonical_origin_target(std::string_view target) {
  if (target.empty() || target[0] != '/') return false;
  // Only the path may hold a dot segment: dots after the first '?' are text.
  size_t query = target.size();
#if defined(__SSE2__)
  // 16 bytes at a time: no byte may need encoding, and only the few dots
  // of the path are looked at one by one. `block` holds target[at, at + 16)
  // (or less) of which the bytes flagged in `live` are judged.
  auto judge = [&](__m128i block, size_t at, unsigned live) {
    if ((encoded_bytes(block) & live) != 0) return false;
    const unsigned marks = sse2::bytes_equal(block, '?') & live;
    if (query == target.size() && marks != 0) query = at + size_t(__builtin_ctz(marks));
    for (unsigned dots = sse2::bytes_equal(block, '.') & live; dots != 0; dots &= dots - 1) {
      const size_t dot = at + size_t(__builtin_ctz(dots));
      if (dot > query) break;
      if (starts_dot_segment(target, dot)) return false;
    }
    return true;
  };
  constexpr unsigned kAll = 0xffff;
  size_t i = 0;
  for (; target.size() - i >= 16; i += 16) {
    if (!judge(sse2::load16(target.data() + i), i, kAll)) return false;
  }
  if (i == target.size()) return true;
  if (target.size() >= 16) {
    // The last block overlaps the one before: only its new bytes count.
    const size_t at = target.size() - 16;
    return judge(sse2::load16(target.data() + at), at, kAll & (kAll << (i - at)));
  }
  return judge(sse2::load_short(target.data(), target.size()), 0, kAll >> (16 - target.size()));
#else
  for (size_t i = 0; i < target.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(target[i]);
    if (!kMayStandRaw[c]) return false;  // includes '%' and '#'
    if (c == '?' && query == target.size()) query = i;
    if (c == '.' && i < query && starts_dot_segment(target, i)) return false;
  }
  return true;
#endif
}

std::string canonicalize_host(std::string_view host) {
  std::string h = ascii_lower(host);
  size_t colon = h.rfind(':');
  // A port follows the last ':' unless the host is a bracketed IPv6 literal
  // without port ("[::1]").
  if (colon != std::string::npos && h.find(']', colon) == std::string::npos) {
    std::string_view port = std::string_view(h).substr(colon + 1);
    if (port == "80" || port == "443" || port.empty()) h.resize(colon);
  }
  if (!h.empty() && h.back() == '.') h.pop_back();
  return h;
}


CanonicalUrl canonicalize_target(std::string_view target) {
  CanonicalUrl out;
  size_t scheme_end = target.find("://");
  if (scheme_end != std::string_view::npos && target.substr(0, scheme_end).find('/') == std::string_view::npos) {
    std::string_view rest = target.substr(scheme_end + 3);
    size_t path_start = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, path_start);
    size_t at = authority.rfind('@');  // drop userinfo
    if (at != std::string_view::npos) authority.remove_prefix(at + 1);
    out.host = canonicalize_host(authority);
    target = path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start);
  }
  size_t hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string& norm = out.path_query;
  append_normalized(path, norm);
  if (norm.empty()) {
    norm = "/";
  } else if (norm[0] == '/' && has_dot_segment(norm)) {
    norm = remove_dot_segments(norm);
  }
  // "*" (OPTIONS) and junk targets (no leading '/') are kept as they are,
  // only normalised.
  if (q != std::string_view::npos) {
    norm.push_back('?');
    append_normalized(target.substr(q + 1), norm);
  }
  return out;
}

std::optional<CanonicalUrl> parse_query_url(std::string_view url, std::string* error) {
  if (url.empty()) {
    *error = "empty URL";
    return std::nullopt;
  }
  if (url.find("://") != std::string_view::npos) {
    CanonicalUrl c = canonicalize_target(url);
    if (c.host.empty()) {
      *error = "URL '" + std::string(url) + "' has no host";
      return std::nullopt;
    }
    return c;
  }
  if (url[0] != '/') {
    *error = "URL '" + std::string(url) + "' is neither a full URL (https://host/path) nor a path (/path)";
    return std::nullopt;
  }
  return canonicalize_target(url);
}

}  // namespace alcor
