// The registry database: every imported network, contact and address-book
// row, with the snapshot (file, SHA-256, data date) each came from.
//
// On disk it is one text file, DIR/registry.db, one record per line with
// tab-separated escaped fields:
//
//   alcor-registry 1                      format name and version
//   S <kind> <file> <sha256> <data date> <date origin> <imported at> <#net> <#contact> <#book>
//   N <snapshot> <first> <last> ...       a network (addresses as 32 hex digits)
//   C <snapshot> <handle> ...             a contact
//   B <snapshot> <key> ...                an address-book row
//   end <records> <sha256>                SHA-256 of every byte before this line
//
// A missing or mismatching end line means a torn or edited file and the
// whole database is refused. Saving writes a temporary file, fsyncs it,
// renames it over the old one and fsyncs the directory, so a crash leaves
// either the old or the new database, never a mix. The directory is created
// owner-only (0700) and the file 0600: it holds contact data.
#ifndef ALCOR_INDEX_REGISTRY_DB_H_
#define ALCOR_INDEX_REGISTRY_DB_H_

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "parsers/registry_records.h"

namespace alcor::registry {

struct Snapshot {
  SourceKind kind = SourceKind::kRpsl;
  std::string file_name;
  std::string sha256;
  std::string data_date;  // YYYY-MM-DD
  std::string date_origin;
  std::string imported_at;  // UTC, ISO 8601
  uint64_t networks = 0, contacts = 0, book_entries = 0;
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

struct RegistryData {
  std::vector<Snapshot> snapshots;
  std::vector<Network> networks;
  std::vector<Contact> contacts;
  std::vector<BookEntry> book;

  // The snapshot already holding a file with this digest, or -1.
  int find_snapshot(const std::string& sha256) const;
  // Appends the batch's records under a new snapshot; returns its id.
  uint32_t add(ImportBatch batch, const std::string& file_name, const std::string& sha256,
               const std::string& imported_at);
  friend bool operator==(const RegistryData&, const RegistryData&) = default;
};

class RegistryDbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::filesystem::path registry_db_file(const std::filesystem::path& dir);

// An empty RegistryData when DIR holds no database yet; throws
// RegistryDbError for an unreadable, torn or corrupt one.
RegistryData load_registry(const std::filesystem::path& dir);

// Replaces the database atomically (see above); creates DIR if needed.
void save_registry(const std::filesystem::path& dir, const RegistryData& data);

// Serialises concurrent imports into one DIR (an flock on DIR/registry.lock).
class RegistryLock {
 public:
  explicit RegistryLock(const std::filesystem::path& dir);
  ~RegistryLock();
  RegistryLock(const RegistryLock&) = delete;
  RegistryLock& operator=(const RegistryLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace alcor::registry

#endif  // ALCOR_INDEX_REGISTRY_DB_H_
