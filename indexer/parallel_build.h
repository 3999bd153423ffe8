#pragma once
#include <filesystem>
#include <vector>

#include "core/common/status.h"
#include "core/index/index_writer.h"
#include "indexer/corpus_indexer.h"
#include "indexer/corpus_listing.h"
#include "indexer/file_preparer.h"
#include "indexer/progress_reporter.h"

namespace consulta {

/// Whether this run builds the whole index afresh in scratch databases merged into its place:
/// only for an index with no documents yet (new, or being rebuilt for a new schema) and a
/// corpus of at least settings.parallel_min_documents files, where the merge pays for itself.
/// An index that already holds documents is always updated in place (cheap for a few changes).
/// Also checks that the file system can swap folders atomically (in the scratch folder it
/// makes).
bool fresh_build_fits(const IndexWriter& target, const std::filesystem::path& index_dir,
                      std::size_t files, const IndexerSettings& settings);

/// Builds the index from `files` in `lanes` scratch databases at once (each lane prepares and
/// writes a contiguous share of the corpus on its own thread, flushing every
/// settings.indexer.lane_flush_documents), merges them with Xapian's compactor, and swaps the
/// merge into the place of `target`'s folder in one atomic rename. One lane is worth it too:
/// the writer's memory stays bounded, and the compactor writes the tables full where the
/// commits of a big in-place run leave them half empty. Readers see the old index or the
/// whole new one; a crash at any moment leaves the old index, and the scratch folder is
/// removed by the next run. `target` holds the write lock until the swap and is closed
/// afterwards; the lanes keep spelling data as it does.
Status build_afresh(IndexWriter& target, const std::filesystem::path& index_dir,
                         const std::vector<CorpusFile>& files, const PreparerInputs& inputs,
                         std::size_t lanes, ProgressReporter& progress, IndexSummary& summary);

}  // namespace consulta
