#include "parsers/line_parser.h"

namespace alcor {

std::string_view reject_reason_name(RejectReason r) {
  switch (r) {
    case RejectReason::kNone: return "none";
    case RejectReason::kEmpty: return "empty";
    case RejectReason::kBinary: return "binary";
    case RejectReason::kTooLong: return "too_long";
    case RejectReason::kFormat: return "format";
    case RejectReason::kTruncated: return "truncated";
    case RejectReason::kBadTimestamp: return "bad_timestamp";
    case RejectReason::kBadAddress: return "bad_address";
    case RejectReason::kBadPort: return "bad_port";
    case RejectReason::kBadNumber: return "bad_number";
    case RejectReason::kHeader: return "header";
    case RejectReason::kCount_: break;
  }
  return "unknown";
}

}  // namespace alcor
