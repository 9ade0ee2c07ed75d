// The whois report in JSON: what an abuse desk's tooling reads back.
#include "engine/registry_report.h"

#include <gtest/gtest.h>
#include <simdjson.h>

namespace alcor::registry {
namespace {

TEST(RegistryReportJson, EveryFieldReadsBackAsWritten) {
  Network net;
  net.range = *parse_range("46.175.64.0 - 46.175.87.255");
  net.source = "RIPE";
  net.netname = "UA-NET";
  net.status = "ASSIGNED PA";
  net.delegation = Delegation::kAssignment;
  Snapshot snap;
  snap.kind = SourceKind::kRpsl;
  snap.file_name = "ripe.db.inetnum.gz";
  snap.sha256 = "ab12";
  BookEntry book;
  book.organisation = "Provider \"Quoted\" Ltd.";
  book.postal_address = "Street 1\nCity";  // multi-line text stays one JSON line

  WhoisAnswer a;
  a.ip = *parse_ip("46.175.80.9");
  ChainLink link;
  link.network = &net;
  link.snapshot = &snap;
  link.holder = "Holder\\Backslash\t\x01";
  link.abuse.mailbox = "abuse@example.net";
  link.book = &book;
  a.chain.push_back(link);
  link.book = nullptr;
  a.chain.push_back(link);
  a.provider = 1;
  a.notes = {"first note", "second \xff note"};  // a stray byte: replaced, the line stays valid JSON

  const std::string json = format_whois_json(a);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(json);
  EXPECT_EQ(std::string_view(root["ip"]), "46.175.80.9");
  EXPECT_EQ(int64_t(root["provider"]), 1);
  EXPECT_TRUE(root["end_user"].is_null());
  simdjson::dom::array chain = root["chain"];
  ASSERT_EQ(chain.size(), 2u);
  simdjson::dom::element first = chain.at(0);
  EXPECT_EQ(std::string_view(first["first"]), "46.175.64.0");
  EXPECT_EQ(std::string_view(first["last"]), "46.175.87.255");
  simdjson::dom::array cidrs = first["cidrs"];
  ASSERT_EQ(cidrs.size(), 2u);
  EXPECT_EQ(std::string_view(cidrs.at(0)), "46.175.64.0/20");
  EXPECT_EQ(std::string_view(cidrs.at(1)), "46.175.80.0/21");
  EXPECT_EQ(std::string_view(first["holder"]), "Holder\\Backslash\t\x01");
  EXPECT_EQ(std::string_view(first["delegation"]), "assignment");
  EXPECT_EQ(std::string_view(first["abuse"]["mailbox"]), "abuse@example.net");
  EXPECT_EQ(std::string_view(first["address_book"]["organisation"]), "Provider \"Quoted\" Ltd.");
  EXPECT_EQ(std::string_view(first["address_book"]["postal_address"]), "Street 1\nCity");
  EXPECT_EQ(std::string_view(first["snapshot"]["file"]), "ripe.db.inetnum.gz");
  EXPECT_TRUE(chain.at(1)["address_book"].is_null());
  simdjson::dom::array notes = root["notes"];
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(std::string_view(notes.at(1)), "second \xEF\xBF\xBD note");
}

}  // namespace
}  // namespace alcor::registry
