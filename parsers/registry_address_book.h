// Importer for the operator's address book: a CSV file (RFC 4180 quoting,
// '#' comment lines) mapping an organisation handle or name to the postal
// address and disclosure-request desk that registries do not publish.
//
//   key,organisation,postal_address,disclosure_desk,note
//   JP00000127,KDDI CORPORATION,"...",...,checked 2026-10-01
//
// The header row names the columns (any order; "key" and at least one of
// postal_address / disclosure_desk are required; unknown columns are errors).
#ifndef ALCOR_PARSERS_REGISTRY_ADDRESS_BOOK_H_
#define ALCOR_PARSERS_REGISTRY_ADDRESS_BOOK_H_

#include <string_view>

#include "parsers/registry_records.h"

namespace alcor::registry {

// Throws ParseError naming the line of a bad header, a row with the wrong
// number of fields, an empty key or an unterminated quote.
ImportBatch parse_address_book(std::string_view csv);

bool looks_like_address_book(std::string_view text);

}  // namespace alcor::registry

#endif  // ALCOR_PARSERS_REGISTRY_ADDRESS_BOOK_H_
