#include "core/index/index_writer.h"

#include <ctime>

#include "core/index/document_builder.h"
#include "core/index/schema.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

// The files Xapian (glass) makes while it creates a database, before the version file
// iamglass is renamed into place (strace of a creation: flintlock, v.tmp, termlist.glass,
// postlist.glass, rename v.tmp -> iamglass; the other tables come later).
bool is_creation_file(const std::string& name) {
    return name == "flintlock" || name == "v.tmp" ||
           (name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0);
}

// What an existing folder without iamglass holds: nothing, or only the files of a
// creation that never finished (created anew), or a foreign file (refused).
struct FolderWithoutVersion {
    bool half_created = false;  ///< Xapian's creation files only
    std::string foreign;        ///< the first other entry, "" if none
};

FolderWithoutVersion look_into(const fs::path& dir) {
    FolderWithoutVersion seen;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (is_creation_file(name)) {
            seen.half_created = true;
        } else if (seen.foreign.empty() || name < seen.foreign) {
            seen.foreign = name;
        }
    }
    if (ec && seen.foreign.empty()) seen.foreign = "(cannot be listed: " + ec.message() + ")";
    return seen;
}

}  // namespace

std::string rfc3339_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db, bool spelling)
    : db_(std::make_unique<Xapian::WritableDatabase>(std::move(db))), spelling_(spelling) {
    const std::string generation = db_->get_metadata(std::string(schema::kMetaGeneration));
    generation_ = generation.empty() ? 0 : std::stoull(generation);
    // Xapian commits pending changes when a writer is closed or destroyed outside a
    // transaction. Inside one they are cancelled: a failed run leaves the last commit as it
    // was, and the stale handle of a swapped-out database writes nothing over its successor.
    db_->begin_transaction(true);
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;
// Uncommitted changes are dropped, never half-written: the last commit stays the index.
IndexWriter::~IndexWriter() { close(); }

void IndexWriter::commit_and_continue() {
    db_->commit_transaction();
    db_->begin_transaction(true);
}

Result<IndexWriter> IndexWriter::open(const fs::path& dir, IndexWriterOptions options) {
    try {
        std::error_code ec;
        if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
            return Status{ErrorCode::kIndex, dir.string() + " exists and is not a folder"};
        }
        const int sync = options.durable ? 0 : Xapian::DB_NO_SYNC;
        // Xapian creates the tables first and the version file (iamglass) last: a run killed
        // in between leaves tables without a version file, which nothing ever committed to
        // and which Xapian would refuse to open forever. Creating it anew loses nothing.
        // Anything else in a folder without a version file is someone's files: refused, and
        // never written to or deleted.
        bool half_created = false;
        if (fs::is_directory(dir, ec) && !fs::exists(dir / "iamglass", ec)) {
            const FolderWithoutVersion seen = look_into(dir);
            if (!seen.foreign.empty()) {
                return Status{ErrorCode::kIndex,
                              dir.string() + " is not a Consulta index and not empty (it holds '" +
                                  seen.foreign + "'): give --index a new or empty folder; "
                                  "nothing in this one was changed"};
            }
            half_created = seen.half_created;
        }
        Xapian::WritableDatabase db(
            dir.string(), (half_created ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN) | sync);
        const std::string schema = db.get_metadata(std::string(schema::kMetaSchema));
        if (schema.empty() && db.get_doccount() > 0) {
            return Status{ErrorCode::kIndex, dir.string() + " is a Xapian database but not a Consulta index"};
        }
        if (!schema.empty() && schema != std::to_string(schema::kSchemaVersion)) {
            // An index of another schema version is rebuilt from the corpus. Overwriting is
            // safe: readers keep the old revision until this run's commit replaces it.
            // The generation keeps counting, so results cited against it stay distinct.
            const std::string generation = db.get_metadata(std::string(schema::kMetaGeneration));
            db.close();
            Xapian::WritableDatabase fresh(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE | sync);
            fresh.set_metadata(std::string(schema::kMetaGeneration), generation);
            return IndexWriter(std::move(fresh), options.spelling);
        }
        return IndexWriter(std::move(db), options.spelling);
    } catch (const Xapian::DatabaseLockError&) {
        return Status{ErrorCode::kLocked,
                      dir.string() + " is locked: another consulta-indexer is writing to it"};
    } catch (const Xapian::Error& e) {
        return Status{ErrorCode::kIndex, "cannot open index " + dir.string() + ": " + e.get_description()};
    }
}

Result<std::map<std::string, StoredDocument>> IndexWriter::stored_documents() const {
    // Value streams read each slot's values in docid order, a chunk at a time; loading every
    // document (get_document + get_value) instead costs a B-tree look-up per document.
    std::map<std::string, StoredDocument> stored;
    try {
        std::map<Xapian::docid, StoredDocument*> by_docid;
        const std::string prefix(schema::kPrefixId);
        for (auto t = db_->allterms_begin(prefix); t != db_->allterms_end(prefix); ++t) {
            auto posting = db_->postlist_begin(*t);
            if (posting == db_->postlist_end(*t)) continue;
            by_docid[*posting] = &stored[(*t).substr(prefix.size())];
        }
        auto read_slot = [&](Xapian::valueno slot, std::string StoredDocument::*field) {
            for (auto v = db_->valuestream_begin(slot); v != db_->valuestream_end(slot); ++v) {
                auto it = by_docid.find(v.get_docid());
                if (it != by_docid.end()) it->second->*field = *v;
            }
        };
        read_slot(schema::kSlotContentHash, &StoredDocument::content_hash);
        read_slot(schema::kSlotFileStat, &StoredDocument::file_stamp);
    } catch (const Xapian::Error& e) {
        return Status{ErrorCode::kIndex, "cannot read index: " + e.get_description()};
    }
    return stored;
}

void IndexWriter::withdraw_spelling(Xapian::docid did) {
    if (!spelling_) return;
    Xapian::Document old = db_->get_document(did);
    for (auto t = old.termlist_begin(); t != old.termlist_end(); ++t) {
        const std::string& term = *t;
        if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && is_spelling_word(term)) {
            db_->remove_spelling(term, t.get_wdf());
        }
    }
}

Status IndexWriter::put(const std::string& doc_id, const Xapian::Document& doc) {
    try {
        const std::string id_term = schema::id_term(doc_id);
        auto existing = db_->postlist_begin(id_term);
        if (existing != db_->postlist_end(id_term)) withdraw_spelling(*existing);
        for (auto t = doc.termlist_begin(); spelling_ && t != doc.termlist_end(); ++t) {
            const std::string& term = *t;
            if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && is_spelling_word(term)) {
                db_->add_spelling(term, t.get_wdf());
            }
        }
        db_->replace_document(id_term, doc);
        dirty_ = true;
        return {};
    } catch (const Xapian::Error& e) {
        return {ErrorCode::kIndex, "cannot write " + doc_id + ": " + e.get_description()};
    }
}

Status IndexWriter::refresh_file_stamp(const std::string& doc_id, const std::string& stamp) {
    try {
        const std::string id_term = schema::id_term(doc_id);
        auto existing = db_->postlist_begin(id_term);
        if (existing == db_->postlist_end(id_term)) return {};
        // A document read from this database and changed only in its values is rewritten by
        // Xapian as values only: no term, position or data is touched, no spelling changes.
        Xapian::Document doc = db_->get_document(*existing);
        if (doc.get_value(schema::kSlotFileStat) == stamp) return {};
        doc.add_value(schema::kSlotFileStat, stamp);
        db_->replace_document(*existing, doc);
        stamps_dirty_ = true;
        return {};
    } catch (const Xapian::Error& e) {
        return {ErrorCode::kIndex, "cannot write " + doc_id + ": " + e.get_description()};
    }
}

Status IndexWriter::remove(const std::string& doc_id) {
    try {
        const std::string id_term = schema::id_term(doc_id);
        auto existing = db_->postlist_begin(id_term);
        if (existing == db_->postlist_end(id_term)) return {};
        withdraw_spelling(*existing);
        db_->delete_document(id_term);
        dirty_ = true;
        return {};
    } catch (const Xapian::Error& e) {
        return {ErrorCode::kIndex, "cannot delete " + doc_id + ": " + e.get_description()};
    }
}

Status IndexWriter::set_stem_language(const std::string& language) {
    try {
        if (db_->get_metadata(std::string(schema::kMetaStemLanguage)) == language) return {};
        db_->set_metadata(std::string(schema::kMetaStemLanguage), language);
        dirty_ = true;
        return {};
    } catch (const Xapian::Error& e) {
        return {ErrorCode::kIndex, "cannot write metadata: " + e.get_description()};
    }
}

Result<std::shared_ptr<const TextDictionary>> IndexWriter::text_dictionary() const {
    return TextDictionary::current(*db_);
}

Status IndexWriter::set_text_dictionary(const TextDictionary& dictionary) {
    try {
        if (db_->get_metadata(std::string(TextDictionary::kMetaCurrent)) == std::to_string(dictionary.id())) {
            return {};
        }
        dictionary.store_in(*db_);
        dirty_ = true;
        return {};
    } catch (const Xapian::Error& e) {
        return {ErrorCode::kIndex, "cannot write metadata: " + e.get_description()};
    }
}

Status IndexWriter::commit() {
    try {
        const bool new_index = db_->get_metadata(std::string(schema::kMetaSchema)).empty();
        if (!dirty_ && !new_index) {
            // Refreshed file stamps change nothing a reader can search: same generation.
            if (stamps_dirty_) commit_and_continue();
            stamps_dirty_ = false;
            return {};
        }
        db_->set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
        db_->set_metadata(std::string(schema::kMetaGeneration), std::to_string(generation_ + 1));
        db_->set_metadata(std::string(schema::kMetaIndexedAt), rfc3339_now());
        commit_and_continue();
        ++generation_;
        dirty_ = stamps_dirty_ = false;
        return {};
    } catch (const Xapian::Error& e) {
        return {ErrorCode::kIndex, "commit failed: " + e.get_description()};
    }
}

void IndexWriter::continue_generation(std::uint64_t previous) {
    generation_ = previous;
    dirty_ = true;
}

Status IndexWriter::advance_revision_past(Xapian::rev other) {
    const std::string key = "consulta.revision_padding";
    try {
        while (db_->get_revision() <= other) {
            db_->set_metadata(key, std::to_string(db_->get_revision()));
            commit_and_continue();
        }
        if (!db_->get_metadata(key).empty()) {
            db_->set_metadata(key, "");  // removed with the next commit
            dirty_ = true;
        }
        return {};
    } catch (const Xapian::Error& e) {
        return {ErrorCode::kIndex, "commit failed: " + e.get_description()};
    }
}

void IndexWriter::close() {
    if (!db_) return;
    try {
        db_->cancel_transaction();
    } catch (const Xapian::Error&) {  // none active: everything pending was just committed
    }
    try {
        db_->close();
    } catch (const Xapian::Error&) {
    }
    db_.reset();
}

std::size_t IndexWriter::document_count() const { return db_->get_doccount(); }

}  // namespace consulta
