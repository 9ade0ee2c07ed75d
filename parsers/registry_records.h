// What the registry importers produce and the registry database stores.
//
// Every importer turns one file into an ImportBatch: networks (inetnum,
// inet6num, NetRange, RIR statistics blocks, JPNIC and RDAP answers),
// contacts (irt, role, organisation, POC, RDAP entities) and address-book
// entries. Fields hold the registry's own words; interpretation (which
// contact is the holder's, which network is the access provider) happens at
// lookup time so that it can be explained and improved without re-importing.
#ifndef ALCOR_PARSERS_REGISTRY_RECORDS_H_
#define ALCOR_PARSERS_REGISTRY_RECORDS_H_

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/registry_ip.h"

namespace alcor::registry {

enum class SourceKind : uint8_t { kDelegatedStats, kRpsl, kJpnic, kRdap, kAddressBook };
const char* to_string(SourceKind k);
std::optional<SourceKind> source_kind_from_string(std::string_view s);

enum class Delegation : uint8_t { kUnknown, kAllocation, kAssignment };
enum class Portability : uint8_t { kUnknown, kPortable, kNonPortable };
const char* to_string(Delegation d);
const char* to_string(Portability p);

// A reference from one object to another by handle, with the attribute or
// RDAP role that made it ("mnt-irt", "abuse-c", "admin-c", "org", "abuse").
struct ContactRef {
  std::string role;
  std::string handle;
  friend bool operator==(const ContactRef&, const ContactRef&) = default;
};

struct Network {
  uint32_t snapshot = 0;  // index into the database's snapshots
  IpRange range;
  std::string source;  // database that published it: "APNIC", "JPNIC", "RIPE", "apnic" (stats)
  std::string handle;  // NetHandle, RDAP handle; empty when the range is the key
  std::string netname;
  std::string holder;      // organisation name as published
  std::string holder_alt;  // other-language name (JPNIC [組織名]) or ARIN OrgID
  std::string holder_handle;
  std::string country;
  std::string status;  // as published ("ALLOCATED PORTABLE", "割り当て", "reallocated")
  Delegation delegation = Delegation::kUnknown;
  Portability portability = Portability::kUnknown;
  std::string date;  // allocation / assignment / registration date as published
  std::vector<std::string> abuse_mailboxes;  // published on the network itself
  std::vector<ContactRef> refs;
  std::vector<std::string> maintainers;  // mnt-by
  std::vector<std::string> remarks;      // descr and remarks lines, in order
  friend bool operator==(const Network&, const Network&) = default;
};

struct Contact {
  uint32_t snapshot = 0;
  std::string handle;  // nic-hdl, irt name, organisation id, POC handle, RDAP entity handle
  std::string object;  // "irt", "role", "person", "organisation", "poc", "entity"
  std::string name;
  std::vector<std::string> abuse_mailboxes;
  std::vector<std::string> emails;
  std::vector<std::string> address;  // postal address lines when the registry publishes them
  std::vector<std::string> remarks;
  std::vector<ContactRef> refs;  // e.g. an organisation's abuse-c
  friend bool operator==(const Contact&, const Contact&) = default;
};

// One row of the operator's address book: what the registries do not
// publish (JPNIC hides postal addresses), keyed by handle or organisation name.
struct BookEntry {
  uint32_t snapshot = 0;
  std::string key;
  std::string organisation;
  std::string postal_address;
  std::string disclosure_desk;
  std::string note;
  friend bool operator==(const BookEntry&, const BookEntry&) = default;
};

// The result of parsing one file, before it is given a snapshot id.
struct ImportBatch {
  SourceKind kind = SourceKind::kRpsl;
  std::string data_date;    // YYYY-MM-DD the data describes; empty when the file does not say
  std::string date_origin;  // where data_date was read from, for the report
  std::vector<Network> networks;
  std::vector<Contact> contacts;
  std::vector<BookEntry> book;
};

// A file that cannot be imported. `line` is 1-based, 0 when not line-bound.
class ParseError : public std::runtime_error {
 public:
  ParseError(size_t line, const std::string& what)
      : std::runtime_error(line ? "line " + std::to_string(line) + ": " + what : what),
        line_(line) {}
  size_t line() const { return line_; }

 private:
  size_t line_;
};

// Status words of all registries, mapped to allocation/assignment and
// portability (APNIC PORTABLE / NON-PORTABLE, RIPE PI / PA, ARIN Direct /
// Re-, LACNIC lower case, JPNIC 割り振り / 割り当て).
void classify_status(std::string_view status, Delegation* d, Portability* p);

}  // namespace alcor::registry

#endif  // ALCOR_PARSERS_REGISTRY_RECORDS_H_
