#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <xapian.h>

#include "core/config/settings.h"
#include "core/entities/entity_tagger.h"
#include "core/entities/gazetteer.h"
#include "core/index/document_builder.h"
#include "core/index/index_writer.h"
#include "core/text/tokenizer.h"
#include "indexer/catalog.h"
#include "indexer/corpus_listing.h"

namespace consulta {

/// One corpus file after the CPU-heavy work (reading, decoding, tokenising, tagging, building
/// the Xapian document), ready for a writer.
struct PreparedFile {
    enum class Outcome {
        kUnchanged,  ///< same stamp as indexed: the file was not opened
        kTouched,    ///< stat changed, content hash did not: only the stamp is refreshed
        kSkipped,
        kIndexed,
    } outcome = Outcome::kSkipped;
    CorpusFile file;
    bool previously_indexed = false;
    std::string reason;  ///< kSkipped
    std::string note;    ///< kIndexed: what was not indexed of it (its text cut), for the summary
    std::string stamp;   ///< kTouched, kIndexed: the file's new schema::kSlotFileStat
    Xapian::Document doc;  ///< kIndexed
    std::map<EntityType, std::size_t> mentions;
    std::size_t bytes = 0;
};

/// The read-only inputs every preparer shares; they must outlive the preparers.
struct PreparerInputs {
    const Gazetteer& gazetteer;
    const Settings& settings;
    const Catalog& catalog;
    const std::map<std::string, StoredDocument>& stored;
    std::filesystem::path corpus_root;
    /// The index's dictionary for the stored text; null: chunks compressed without one.
    std::shared_ptr<const TextDictionary> text_dictionary = nullptr;
};

/// Decides what a corpus file needs and does the per-file work. Touches no shared state but
/// the read-only inputs, so each thread can run its own preparer.
class FilePreparer {
public:
    explicit FilePreparer(const PreparerInputs& inputs);

    /// Never throws: an exception from a reader or from Xapian makes the file skipped.
    PreparedFile prepare(const CorpusFile& file);

private:
    PreparedFile prepare_or_throw(const CorpusFile& file);
    Xapian::Document build(DocumentRecord& record, const std::string& hash);

    const PreparerInputs& in_;
    std::string fingerprint_;
    Tokenizer tokenizer_;
    EntityTagger tagger_;
    DocumentBuilder builder_;
};

}  // namespace consulta
