#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <xapian.h>

#include "core/common/status.h"

namespace consulta {

/// The only writer of a Consulta index. Holds Xapian's write lock while it lives: a second
/// writer fails at once with kLocked instead of waiting. Changes become visible to readers
/// only at commit(), atomically.
class IndexWriter {
public:
    /// Opens or creates the index. kLocked when another writer holds it, kIndex when the folder
    /// holds something that is not a Consulta index. An index of an older schema version is
    /// overwritten (the next commit rebuilds it from the corpus).
    static Result<IndexWriter> open(const std::filesystem::path& dir);

    IndexWriter(IndexWriter&&) noexcept;
    IndexWriter& operator=(IndexWriter&&) noexcept;
    ~IndexWriter();

    /// Document id -> content hash of every document in the index.
    Result<std::map<std::string, std::string>> stored_hashes() const;

    /// Adds the document, or replaces the one with the same id. Keeps the spelling dictionary
    /// in step (the old version's words are withdrawn).
    Status put(const std::string& doc_id, const Xapian::Document& doc);

    /// Deletes the document with this id (nothing if absent).
    Status remove(const std::string& doc_id);

    /// Records the stemmer language of the Z terms, so that searchers stem queries alike.
    /// Written with the next commit.
    Status set_stem_language(const std::string& language);

    /// Makes every change so far visible at once, bumping the generation and the time stamp.
    /// Without pending changes, does nothing and keeps the generation.
    Status commit();

    /// The generation of the last commit (0 for a new index).
    std::uint64_t generation() const { return generation_; }
    std::size_t document_count() const;

private:
    explicit IndexWriter(Xapian::WritableDatabase db);
    void withdraw_spelling(Xapian::docid did);

    std::unique_ptr<Xapian::WritableDatabase> db_;
    std::uint64_t generation_ = 0;
    bool dirty_ = false;
};

/// RFC 3339 UTC time of now, to the second: "2026-11-23T14:00:00Z".
std::string rfc3339_now();

}  // namespace consulta
