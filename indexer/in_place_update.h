#pragma once
#include <vector>

#include "core/common/status.h"
#include "core/index/index_writer.h"
#include "indexer/corpus_indexer.h"
#include "indexer/corpus_listing.h"
#include "indexer/file_preparer.h"
#include "indexer/progress_reporter.h"

namespace consulta {

/// Brings the index in step with `files` through the one writer: changed files replaced,
/// touched ones given their new stamp, missing ones deleted, one commit at the end (and one
/// per settings.indexer.batch_size documents on a big run). The cheap path for a few changes.
Status update_in_place(IndexWriter& writer, const std::vector<CorpusFile>& files,
                       const PreparerInputs& inputs, ProgressReporter& progress, IndexSummary& summary);

}  // namespace consulta
