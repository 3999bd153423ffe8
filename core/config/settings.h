#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/entities/entity_tagger.h"
#include "core/entities/gazetteer.h"

namespace consulta {

struct IndexerSettings {
    std::size_t batch_size = 2000;      ///< documents per commit on a big corpus
    std::string stem_language = "english";
    std::size_t max_file_bytes = 64u << 20;   ///< larger files are skipped, named in the summary
    std::size_t max_text_bytes = 16u << 20;   ///< text past this is cut, the cut named in the summary
    std::size_t writers = 2;                  ///< writer threads of a parallel build (1: never parallel)
    std::size_t parallel_min_documents = 1000;  ///< a new index of fewer files is built in place
    std::size_t lane_flush_documents = 250;   ///< documents a parallel writer buffers before flushing
};

struct SearchdSettings {
    std::string listen = "127.0.0.1:8080";
    std::size_t threads = 32;  // a worker serves one keep-alive connection at a time
    std::size_t max_query_bytes = 2048;     ///< a longer q is 413
    std::size_t max_limit = 100;
    std::vector<std::string> cors_origins;  ///< none by default; "*" allowed
    std::size_t snippets_per_hit = 3;
    std::size_t snippet_bytes = 240;
    std::string web_root;                    ///< folder of the web page; empty = built-in default
    // Clients (searchd/connection_hub.h): deadlines in seconds, caps on what one may hold.
    std::size_t head_timeout_seconds = 10;   ///< a whole request head, else 408 and closed
    std::size_t keep_alive_seconds = 5;      ///< idle between two requests, then closed
    std::size_t write_timeout_seconds = 10;  ///< a whole response, else the connection is closed
    std::size_t max_connections = 1024;      ///< open connections; more: oldest idle one closed, or 503
    std::size_t max_header_bytes = 16384;    ///< request line and headers, else 431
    std::size_t max_headers = 100;           ///< header lines, else 431
    // Queries (core/search/query_budget.h).
    std::size_t query_timeout_ms = 2000;     ///< a search over it stops: 503 query_timeout
    std::size_t max_memory_mb = 1024;        ///< resident size over it stops a search: 503 memory_exhausted
    std::size_t max_wildcards = 8;           ///< wildcards in q, more: 400 bad_query
    std::size_t max_wildcard_expansion = 200;  ///< terms one wildcard stands for (the most frequent)
    // A sharded index (docs/sharding.md): limits for each remote shard (xapian-tcpsrv).
    unsigned shard_connect_timeout_ms = 2000;  ///< connecting to a remote shard
    unsigned shard_timeout_ms = 5000;          ///< a remote shard's answer to one message
    unsigned shard_retry_ms = 1000;            ///< a shard that failed is tried again after this
};

/// Everything both programs read from config/consulta.toml. Defaults are usable as they are.
struct Settings {
    std::filesystem::path source;   ///< the file these settings came from (empty: defaults)
    GazetteerFiles gazetteers;
    TaggerOptions tagging;
    bool count_demonyms = true;     ///< demonym mentions count as state mentions in filters and facets
    IndexerSettings indexer;
    SearchdSettings searchd;
};

/// Defaults, with gazetteers taken from `config_dir` (normally the project's config/).
Settings default_settings(const std::filesystem::path& config_dir);

/// The project's own config/ folder, found next to the running binary or the source tree.
std::filesystem::path default_config_dir();

/// Loads a TOML settings file over the defaults. Relative paths inside it are relative to
/// the file's folder. A bad key or value is a kConfig error naming the file, the line,
/// the key and what was expected; unknown keys are errors too (they are usually typos).
Result<Settings> load_settings(const std::filesystem::path& file);

}  // namespace consulta
