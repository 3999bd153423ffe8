#include "core/index/index_writer.h"

#include <ctime>

#include "core/index/document_builder.h"
#include "core/index/schema.h"

namespace consulta {
namespace fs = std::filesystem;

std::string rfc3339_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db)
    : db_(std::make_unique<Xapian::WritableDatabase>(std::move(db))) {
    const std::string generation = db_->get_metadata(std::string(schema::kMetaGeneration));
    generation_ = generation.empty() ? 0 : std::stoull(generation);
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;
IndexWriter::~IndexWriter() {
    // Uncommitted changes are dropped, never half-written: the last commit stays the index.
    if (db_) {
        try {
            db_->close();
        } catch (const Xapian::Error&) {
        }
    }
}

Result<IndexWriter> IndexWriter::open(const fs::path& dir) {
    try {
        std::error_code ec;
        if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
            return Status{ErrorCode::kIndex, dir.string() + " exists and is not a folder"};
        }
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
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
            Xapian::WritableDatabase fresh(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
            fresh.set_metadata(std::string(schema::kMetaGeneration), generation);
            return IndexWriter(std::move(fresh));
        }
        return IndexWriter(std::move(db));
    } catch (const Xapian::DatabaseLockError&) {
        return Status{ErrorCode::kLocked,
                      dir.string() + " is locked: another consulta-indexer is writing to it"};
    } catch (const Xapian::Error& e) {
        return Status{ErrorCode::kIndex, "cannot open index " + dir.string() + ": " + e.get_description()};
    }
}

Result<std::map<std::string, std::string>> IndexWriter::stored_hashes() const {
    std::map<std::string, std::string> hashes;
    try {
        const std::string prefix(schema::kPrefixId);
        for (auto t = db_->allterms_begin(prefix); t != db_->allterms_end(prefix); ++t) {
            auto posting = db_->postlist_begin(*t);
            if (posting == db_->postlist_end(*t)) continue;
            hashes[(*t).substr(prefix.size())] =
                db_->get_document(*posting).get_value(schema::kSlotContentHash);
        }
    } catch (const Xapian::Error& e) {
        return Status{ErrorCode::kIndex, "cannot read index: " + e.get_description()};
    }
    return hashes;
}

void IndexWriter::withdraw_spelling(Xapian::docid did) {
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
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
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

Status IndexWriter::commit() {
    const bool new_index = db_->get_metadata(std::string(schema::kMetaSchema)).empty();
    if (!dirty_ && !new_index) return {};
    try {
        db_->set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
        db_->set_metadata(std::string(schema::kMetaGeneration), std::to_string(generation_ + 1));
        db_->set_metadata(std::string(schema::kMetaIndexedAt), rfc3339_now());
        db_->commit();
        ++generation_;
        dirty_ = false;
        return {};
    } catch (const Xapian::Error& e) {
        return {ErrorCode::kIndex, "commit failed: " + e.get_description()};
    }
}

std::size_t IndexWriter::document_count() const { return db_->get_doccount(); }

}  // namespace consulta
