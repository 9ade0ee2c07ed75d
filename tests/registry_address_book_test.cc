// The operator's address book CSV.
#include <gtest/gtest.h>

#include "parsers/registry_address_book.h"
#include "parsers/registry_source.h"

namespace alcor::registry {
namespace {

TEST(RegistryAddressBook, QuotedFieldsCommentsAndAnyColumnOrder) {
  ImportBatch b = parse_address_book(
      "# kept by the abuse desk\n"
      "disclosure_desk,key,postal_address,organisation\r\n"
      "\"Legal, disclosure requests\",KDDI CORPORATION,\"Tokyo\nJapan\",KDDI株式会社\r\n"
      "\"say \"\"hi\"\"\",JP00000127,,\n");
  ASSERT_EQ(b.book.size(), 2u);
  EXPECT_EQ(b.book[0].key, "KDDI CORPORATION");
  EXPECT_EQ(b.book[0].disclosure_desk, "Legal, disclosure requests");
  EXPECT_EQ(b.book[0].postal_address, "Tokyo\nJapan");
  EXPECT_EQ(b.book[0].organisation, "KDDI株式会社");
  EXPECT_EQ(b.book[1].disclosure_desk, "say \"hi\"");
  EXPECT_EQ(detect_kind("# note\nkey,postal_address\nX,Y\n"), SourceKind::kAddressBook);
}

TEST(RegistryAddressBook, ErrorsNameTheLine) {
  const std::string header = "key,organisation,postal_address\n";
  try {
    parse_address_book(header + "A,B,C\nD,E\n");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line(), 3u);
  }
  EXPECT_THROW(parse_address_book(header + "A,B,\"unterminated\n"), ParseError);
  EXPECT_THROW(parse_address_book(header + ",B,C\n"), ParseError);
  EXPECT_THROW(parse_address_book("key,phone\nA,1\n"), ParseError);
  EXPECT_THROW(parse_address_book("key,organisation\nA,B\n"), ParseError);
}

}  // namespace
}  // namespace alcor::registry
