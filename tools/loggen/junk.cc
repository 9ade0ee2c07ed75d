#include "tools/loggen/junk.h"

namespace alcor::loggen {

std::string_view junk_kind_name(JunkKind k) {
  switch (k) {
    case JunkKind::kTlsHandshake: return "tls_handshake";
    case JunkKind::kTruncated: return "truncated";
    case JunkKind::kGarbage: return "garbage";
  }
  return "?";
}

JunkKind JunkWriter::append(Rng& rng, LineFormatter& formatter, Request request, std::string& out) {
  const auto kind = kAllJunkKinds[rng.below(kAllJunkKinds.size())];
  scratch_.clear();
  switch (kind) {
    case JunkKind::kTlsHandshake: {
      // Record header (handshake, TLS 1.0 record version), then the start
      // of a ClientHello with its random; Apache stops at the first
      // newline byte, which we therefore leave out.
      scratch_.append("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
      const auto len = rng.between(16, 48);
      for (int64_t i = 0; i < len; ++i) {
        auto b = static_cast<char>(rng.below(256));
        scratch_ += b == '\n' ? '\0' : b;
      }
      request.method = scratch_;
      request.target = request.protocol = {};
      request.status = 400;
      request.body_bytes = 226;
      request.referer = request.user_agent = "-";
      request.user = "-";
      formatter.append(out, request);
      break;
    }
    case JunkKind::kTruncated: {
      formatter.append(scratch_, request);
      // Cut inside the quoted request line, so that whatever the format
      // the line is unmistakably incomplete (an open quote), never a
      // shorter line that still parses.
      const size_t open_quote = scratch_.find('"');
      const auto cut = rng.between(static_cast<int64_t>(open_quote) + 1,
                                   static_cast<int64_t>(open_quote + request.method.size()));
      out.append(scratch_, 0, static_cast<size_t>(cut));
      out += '\n';
      break;
    }
    case JunkKind::kGarbage: {
      const auto len = rng.between(1, 200);
      const bool nul_run = rng.chance(0.3);
      for (int64_t i = 0; i < len; ++i) {
        auto b = nul_run ? '\0' : static_cast<char>(rng.below(256));
        out += b == '\n' ? ' ' : b;
      }
      out += '\n';
      break;
    }
  }
  return kind;
}

}  // namespace alcor::loggen
