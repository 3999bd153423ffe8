#pragma once
// `consulta-indexer --shards N`: one index spread over N Xapian databases.
//
//   OUT/shard-00 … OUT/shard-NN   normal Consulta databases, no spelling data; a stable hash of
//                                 the document id chooses the shard, so updates and deletions
//                                 stay in theirs
//   OUT/aux                       no documents: the spelling data of all shards and the index
//                                 metadata (schema, generation, time, stemmer, shard count)
//   OUT/XAPIANDB                  Xapian's stub format, "auto aux" then "auto shard-NN" lines
//
// Xapian opens OUT as one database; aux comes first because a combined database reads its
// metadata from its first part only, and takes spelling suggestions only from its local parts.
// A shard can be moved to another machine (xapian-tcpsrv) by editing its stub line.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/status.h"
#include "indexer/corpus_indexer.h"

namespace consulta {

/// The shard (0 … shards-1) of a document id: FNV-1a 64 of its bytes, modulo `shards`. Stable
/// across runs, machines and builds.
std::size_t shard_of(std::string_view doc_id, std::size_t shards);

/// "shard-00", "shard-01", … (the folder name of shard k).
std::string shard_folder_name(std::size_t k);

/// The shard count a sharded index at `dir` was built with (its aux database says), 0 when
/// `dir` is not one.
std::size_t existing_shard_count(const std::filesystem::path& dir);

/// Brings the sharded index at options.index_dir in step with the corpus. The shards are
/// written in parallel, each with its own commits (atomic per shard; a new shard is built as a
/// new index is, build_afresh in parallel_build.h); the generation in aux
/// moves once all shards have committed. A run killed midway leaves shards newer than aux:
/// the next run sees their generations differ from those aux recorded and completes aux.
/// kIndex when OUT was built with another shard count or is an unsharded index.
Result<IndexSummary> index_sharded(const IndexRunOptions& options, std::size_t shards);

}  // namespace consulta
