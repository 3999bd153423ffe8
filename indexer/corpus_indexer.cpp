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
#include "indexer/text_sample.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

// The dictionary the run compresses the stored text with: the index's own; for a new index,
// one trained on a sample of the corpus (none when the corpus is too small to gain from one).
// An index built before dictionaries keeps its chunks as they are, and adds without one.
Result<std::shared_ptr<const TextDictionary>> text_dictionary_for(
    IndexWriter& writer, const std::vector<CorpusFile>& files, const Settings& settings) {
    auto current = writer.text_dictionary();
    if (!current || *current || writer.document_count() != 0) return current;
    auto trained = train_text_dictionary(files, settings.indexer.max_file_bytes);
    if (trained) {
        if (Status s = writer.set_text_dictionary(*trained); !s) return s;
    }
    return trained;
}

}  // namespace

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
    auto dictionary = text_dictionary_for(*writer, files, settings);
    if (!dictionary) return dictionary.status();
    const PreparerInputs inputs{*gazetteer, settings, *catalog, *stored, options.corpus_dir,
                                *dictionary};
    ProgressReporter progress(options.on_progress, files.size());
    // One writer (writers = 1) is the plain in-place run.
    const bool parallel =
        settings.indexer.writers >= 2 &&
        fresh_build_fits(*writer, options.index_dir, files.size(), settings.indexer);
    const Status status =
        parallel ? build_afresh(*writer, options.index_dir, files, inputs,
                                     settings.indexer.writers, progress, summary)
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
