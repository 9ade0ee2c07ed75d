// Request targets in one canonical spelling, so that a query for a URL hits
// however the server logged it: %r (raw, percent-encoded), %U%q (decoded
// path), $request_uri or $uri.
//
// Canonical form of a target: absolute-form split into host and path;
// percent-escapes of unreserved characters decoded, every other escape with
// upper-case hex; bytes that may not appear in a URI (>= 0x80, controls,
// space, quotes...) percent-encoded; dot segments removed from the path; an
// empty path becomes "/"; the fragment dropped. The query is kept in order.
#ifndef ALCOR_PARSERS_URL_H_
#define ALCOR_PARSERS_URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace alcor {

struct CanonicalUrl {
  std::string host;        // lower-case, no default port; empty when unknown
  std::string path_query;  // "/path?query"
};

// Canonical path?query of a logged request target. An absolute-form target
// ("http://Host:80/a") also yields its host.
CanonicalUrl canonicalize_target(std::string_view target);

// True when canonicalize_target(target) would return `target` itself with
// no host: an origin-form target with no percent-escape, no dot segment, no
// fragment and only characters that may stand raw. Lets hot paths skip the
// copy for the common case.
bool is_canonical_origin_target(std::string_view target);

// Lower-cases, drops a trailing dot and a default port (":80", ":443").
std::string canonicalize_host(std::string_view host);

// A URL as a user writes it in a query: "https://host/path?q" or "/path?q".
// Returns nullopt and sets *error for text that is neither.
std::optional<CanonicalUrl> parse_query_url(std::string_view url, std::string* error);

}  // namespace alcor

#endif  // ALCOR_PARSERS_URL_H_
