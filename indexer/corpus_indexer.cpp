#include "indexer/corpus_indexer.h"

#include <chrono>

#include "core/entities/gazetteer.h"
#include "core/index/index_writer.h"
#include "indexer/catalog.h"
#include "indexer/corpus_listing.h"
#include "indexer/disk_full.h"
#include "indexer/file_preparer.h"
#include "indexer/in_place_update.h"
#include "indexer/index_swap.h"
#include "indexer/parallel_build.h"
#include "indexer/progress_reporter.h"

namespace consulta {
namespace fs = std::filesystem;

Result<IndexSummary> index_corpus(const IndexRunOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const Settings& settings = options.settings;
    std::error_code ec;
    if (!fs::is_directory(options.corpus_dir, ec)) {
        return Status{ErrorCode::kIo, "corpus folder " + options.corpus_dir.string() + " does not exist"};
    }
    auto gazetteer = Gazetteer::load(settings.gazetteers);
    if (!gazetteer) return gazetteer.status();
    auto catalog = Catalog::load(options.corpus_dir / "catalog.toml");
    if (!catalog) return catalog.status();
    auto writer = IndexWriter::open(options.index_dir);
    if (!writer) {
        if (is_disk_full(writer.status())) return explain_disk_full(writer.status(), options.index_dir);
        return writer.status();
    }
    // Only now, holding the lock: what a killed parallel build left behind is ours to remove.
    fs::remove_all(staging_dir_for(options.index_dir), ec);
    auto stored = writer->stored_documents();
    if (!stored) return stored.status();
    if (Status status = writer->set_stem_language(settings.indexer.stem_language); !status) {
        return status;
    }

    IndexSummary summary;
    auto listed = list_corpus(options.corpus_dir, summary.skipped);
    if (!listed) return listed.status();
    const std::vector<CorpusFile> files = std::move(listed).value();
    const PreparerInputs inputs{*gazetteer, settings, *catalog, *stored, options.corpus_dir};
    ProgressReporter progress(options.on_progress, files.size());
    const Status status =
        parallel_build_fits(*writer, options.index_dir, files.size(), settings.indexer)
            ? build_in_parallel(*writer, options.index_dir, files, inputs, progress, summary)
            : update_in_place(*writer, files, inputs, progress, summary);
    if (!status) {
        if (!is_disk_full(status)) return status;
        writer->close();  // what was not committed is dropped; the index is read back as it is
        fs::remove_all(staging_dir_for(options.index_dir), ec);  // a parallel build's space back
        return explain_disk_full(status, options.index_dir);
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace consulta
