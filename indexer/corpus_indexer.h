#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/config/settings.h"
#include "core/entities/mention.h"

namespace consulta {

/// A corpus file that was not indexed, and why.
struct SkippedFile {
    std::filesystem::path path;
    std::string reason;
};

/// What one indexing run did.
struct IndexSummary {
    std::size_t added = 0, updated = 0, unchanged = 0, deleted = 0;
    std::vector<SkippedFile> skipped;
    std::vector<SkippedFile> truncated;          ///< indexed, but their text was cut (reason: where)
    std::map<EntityType, std::size_t> mentions;  ///< mentions tagged in added/updated documents
    std::size_t bytes_read = 0;                  ///< bytes of the files that were (re)indexed
    double seconds = 0;
    std::uint64_t generation = 0;                ///< the index generation after the run
    std::size_t documents = 0;                   ///< documents in the index after the run
    std::size_t writers = 1;                     ///< more than 1: a parallel build, merged at the end
    std::size_t shards = 0;                      ///< a sharded index (sharded_build.h): its shard count
};

/// One step of progress, for a progress bar or a log line.
struct IndexProgress {
    std::size_t done = 0, total = 0;
    std::string doc_id;
    std::string action;  ///< "added", "updated", "unchanged", "skipped", "deleted"
    std::size_t bytes_done = 0;
};

struct IndexRunOptions {
    std::filesystem::path corpus_dir;
    std::filesystem::path index_dir;
    Settings settings;
    std::function<void(const IndexProgress&)> on_progress;  ///< may be empty
};

/// Brings the index in step with the corpus: new files added, changed ones replaced, missing
/// ones deleted, unreadable ones skipped and named. One commit per run (or per batch of
/// settings.indexer.batch_size documents), so readers never see half a run. A file whose
/// size, modification time, catalogue entry and configuration are those it was indexed with
/// is not opened. A new index of a big corpus is built by several writers at once and merged
/// (parallel_build.h); an existing one is updated in place.
Result<IndexSummary> index_corpus(const IndexRunOptions& options);

}  // namespace consulta
