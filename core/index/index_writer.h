#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <xapian.h>

#include "core/common/status.h"
#include "core/index/text_dictionary.h"

namespace consulta {

/// What an incremental run needs to know of an indexed document, read without loading it.
struct StoredDocument {
    std::string content_hash;  ///< schema::kSlotContentHash
    std::string file_stamp;    ///< schema::kSlotFileStat (empty for documents indexed before it)
};

struct IndexWriterOptions {
    /// false for scratch databases (the parallel build's lanes): commits skip fsync, since a
    /// crash discards them anyway. The index itself is always written durably.
    bool durable = true;
    /// false for the shards of a sharded index: their spelling data lives in the aux database
    /// (indexer/sharded_build.h), which a searcher over remote shards can read.
    bool spelling = true;
};

/// The only writer of a Consulta index. Holds Xapian's write lock while it lives: a second
/// writer fails at once with kLocked instead of waiting. Changes become visible to readers
/// only at commit(), atomically.
class IndexWriter {
public:
    /// Opens or creates the index. kLocked when another writer holds it, kIndex when the folder
    /// holds something that is not a Consulta index. An index of an older schema version is
    /// overwritten (the next commit rebuilds it from the corpus).
    static Result<IndexWriter> open(const std::filesystem::path& dir, IndexWriterOptions options = {});

    IndexWriter(IndexWriter&&) noexcept;
    IndexWriter& operator=(IndexWriter&&) noexcept;
    ~IndexWriter();

    /// Document id -> content hash and file stamp of every document in the index.
    Result<std::map<std::string, StoredDocument>> stored_documents() const;

    /// Adds the document, or replaces the one with the same id. Keeps the spelling dictionary
    /// in step (the old version's words are withdrawn).
    Status put(const std::string& doc_id, const Xapian::Document& doc);

    /// Rewrites only the stored file stamp of a document whose content did not change (its
    /// file was touched). Committed with the run, without a new generation: what readers can
    /// search is the same.
    Status refresh_file_stamp(const std::string& doc_id, const std::string& stamp);

    /// Deletes the document with this id (nothing if absent).
    Status remove(const std::string& doc_id);

    /// Records the stemmer language of the Z terms, so that searchers stem queries alike.
    /// Written with the next commit.
    Status set_stem_language(const std::string& language);

    /// The dictionary the index's stored text is compressed with; null when it has none.
    Result<std::shared_ptr<const TextDictionary>> text_dictionary() const;

    /// Makes `dictionary` the one new documents' text is compressed with (their chunks name
    /// it, so documents written with another stay readable). Written with the next commit.
    Status set_text_dictionary(const TextDictionary& dictionary);

    /// Makes every change so far visible at once, bumping the generation and the time stamp.
    /// Without pending changes, does nothing and keeps the generation.
    Status commit();

    /// The generation of the last commit (0 for a new index).
    std::uint64_t generation() const { return generation_; }
    /// Makes the next commit's generation follow `previous` (a merged build replacing an index
    /// continues that index's count, so results cited against a generation stay distinct).
    void continue_generation(std::uint64_t previous);
    std::size_t document_count() const;

    /// Whether this writer keeps the database's spelling dictionary (IndexWriterOptions).
    bool keeps_spelling() const { return spelling_; }

    /// Xapian's revision of the last commit.
    Xapian::rev revision() const { return db_->get_revision(); }
    /// Commits (metadata only) until the revision is above `other`. A reader's reopen() only
    /// looks further when the revision changed, so a database that replaces another must not
    /// reuse the revision number the readers already have.
    Status advance_revision_past(Xapian::rev other);

    /// Closes the database and releases the write lock now.
    void close();

private:
    IndexWriter(Xapian::WritableDatabase db, bool spelling);
    void withdraw_spelling(Xapian::docid did);
    void commit_and_continue();

    std::unique_ptr<Xapian::WritableDatabase> db_;
    std::uint64_t generation_ = 0;
    bool dirty_ = false;          // changes that readers can search: a new generation
    bool stamps_dirty_ = false;   // only file stamps changed: committed, same generation
    bool spelling_ = true;        // keep the spelling dictionary of this database
};

/// RFC 3339 UTC time of now, to the second: "2026-11-23T14:00:00Z".
std::string rfc3339_now();

}  // namespace consulta
