#pragma once
// The parts of the index one Searcher reads: one database folder, or the lines of a Xapian stub
// (a stub directory such as `consulta-indexer --shards N` writes, or a stub file), each a local
// database or a shard served by xapian-tcpsrv. Xapian opens stubs itself, but without the
// per-shard timeouts of the configuration and without telling which shard failed: this class
// opens each part itself and keeps each part's state.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/common/status.h"
#include "core/config/settings.h"

namespace consulta {

/// One line of a stub: `auto PATH` (or glass/chert/honey PATH, relative to the stub's
/// folder) or `remote HOST:PORT`; Xapian's `remote TCP HOST PORT` is read too.
struct IndexPart {
    std::string name;  ///< as the stub writes it: "shard-00", "10.0.0.7:33101"
    bool remote = false;
    std::filesystem::path path;  ///< a local part
    std::string host;            ///< a remote part
    unsigned port = 0;
};

/// The parts at `path`: one for a database folder, the stub's lines for a stub directory (a
/// folder holding XAPIANDB) or a stub file. kIndex for a missing path or a bad stub line.
Result<std::vector<IndexPart>> read_index_parts(const std::filesystem::path& path);

/// What /healthz and a partial answer say of one shard.
struct ShardHealth {
    std::string name;
    bool remote = false;
    bool up = false;
    std::string error;  ///< why it is down
};

/// What an answer over shards says of them ("shards" in the JSON of a partial answer).
struct ShardReport {
    std::size_t total = 0;  ///< 0: not a sharded index
    std::vector<std::string> missing;
};

/// The parts of one index as one Searcher sees them. The first part is the head (aux in a
/// sharded index: metadata, spelling): without it nothing answers. The others are shards,
/// each up or missing. Not thread-safe (remote databases are not): one per Searcher.
class ShardSet {
public:
    static Result<ShardSet> open(const std::filesystem::path& path, const SearchdSettings& settings);

    /// The head (first part) is open.
    bool head_up() const { return !parts_.empty() && parts_.front().db.has_value(); }
    /// More than one part: answers may name missing shards.
    bool sharded() const { return parts_.size() > 1; }
    /// The head and every shard that is up, as one Xapian database.
    Xapian::Database combined() const;
    /// Names of the shards that are down.
    std::vector<std::string> missing() const;
    std::size_t shard_count() const { return parts_.empty() ? 0 : parts_.size() - 1; }
    /// A part is served by xapian-tcpsrv: the matcher there cannot run our own MatchSpy.
    bool has_remote() const;

    /// After a network error: asks every open remote part for its revision (within the
    /// configured timeouts) and marks those that do not answer as down. True if one went down.
    bool probe();
    /// Reconnects the shards that are down and due for a retry. True if one came back.
    bool retry_due();
    /// Every shard (not the head), in stub order.
    std::vector<ShardHealth> health() const;

private:
    struct Part {
        IndexPart where;
        std::optional<Xapian::Database> db;
        std::string error;
        std::chrono::steady_clock::time_point retry_at{};
    };
    bool connect(Part& part);

    std::vector<Part> parts_;
    SearchdSettings settings_;
};

}  // namespace consulta
