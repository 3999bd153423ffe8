// Incremental runs that read only what changed: a file with the size and modification time
// it was indexed with (and the same catalogue entry and configuration) is not opened; a
// touched file is hashed, found unchanged, and its stamp refreshed.
#include <gtest/gtest.h>

#include <fstream>

#include <xapian.h>

#include "core/index/document_record.h"
#include "core/index/record_store.h"
#include "core/index/index_writer.h"
#include "core/index/schema.h"
#include "indexer/corpus_indexer.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using test_support::read_file;
using test_support::TempDir;

const fs::path kCorpus = fs::path(CONSULTA_SOURCE_DIR) / "corpus";
const std::string kFirst = "000_54d7d1b2e732a973", kSecond = "001_31cc94c171c1916a",
                  kThird = "002_12bfe50c3bd95f5d", kFourth = "003_10243c426b9e65ce";

class StatIncremental : public ::testing::Test {
protected:
    void SetUp() override {
        corpus_ = tmp_.path() / "corpus";
        index_ = tmp_.path() / "index";
        test_support::copy_files(kCorpus, corpus_);
    }
    IndexSummary run(Settings settings = default_settings(default_config_dir())) {
        auto summary = index_corpus({corpus_, index_, settings, {}});
        EXPECT_TRUE(summary.is_ok()) << summary.status().message();
        return summary.is_ok() ? summary.value() : IndexSummary{};
    }
    fs::path file(const std::string& id) const { return corpus_ / (id + ".txt"); }
    // New bytes of the same length, with the old modification time put back: only a reader
    // of the file could tell it changed.
    void swap_bytes_keeping_stat(const std::string& id) {
        const fs::path path = file(id);
        const auto mtime = fs::last_write_time(path);
        std::string bytes = read_file(path);
        for (char& c : bytes) c = (c == 'a') ? 'e' : c;
        std::ofstream(path, std::ios::binary) << bytes;
        fs::last_write_time(path, mtime);
    }
    void touch(const std::string& id) {
        fs::last_write_time(file(id), fs::last_write_time(file(id)) + std::chrono::seconds(10));
    }
    std::string stored_text(const std::string& id) const {
        Xapian::Database db(index_.string());
        const std::string term = schema::id_term(id);
        auto record = read_record(db.get_document(*db.postlist_begin(term)), db);
        return record.is_ok() ? record->text : std::string("unparsable");
    }
    TempDir tmp_;
    fs::path corpus_, index_;
};

TEST_F(StatIncremental, FileWithItsIndexedStatIsNotRead) {
    run();
    const std::string indexed = stored_text(kFirst);
    swap_bytes_keeping_stat(kFirst);
    ASSERT_NE(read_file(file(kFirst)), indexed);
    const IndexSummary second = run();
    EXPECT_EQ(second.unchanged, 5u);
    EXPECT_EQ(second.updated, 0u);
    EXPECT_EQ(second.skipped.size(), 0u);
    EXPECT_EQ(second.bytes_read, 0u);
    EXPECT_EQ(stored_text(kFirst), indexed) << "the file was read after all";
}

TEST_F(StatIncremental, TouchedFileIsUnchangedAndItsStampRefreshedWithoutNewGeneration) {
    run();
    touch(kFirst);
    const IndexSummary second = run();
    EXPECT_EQ(second.unchanged, 5u);
    EXPECT_EQ(second.updated, 0u);
    EXPECT_EQ(second.bytes_read, 0u);
    EXPECT_EQ(second.generation, 1u) << "a refreshed stamp is no new searchable content";
    // The refreshed stamp now matches: bytes swapped under it go unread.
    const std::string indexed = stored_text(kFirst);
    swap_bytes_keeping_stat(kFirst);
    const IndexSummary third = run();
    EXPECT_EQ(third.unchanged, 5u);
    EXPECT_EQ(third.updated, 0u);
    EXPECT_EQ(stored_text(kFirst), indexed);
}

TEST_F(StatIncremental, SummaryCountsUnchangedTouchedChangedAddedAndDeletedFiles) {
    run();
    touch(kFirst);                                                        // unchanged (touched)
    std::ofstream(file(kSecond), std::ios::app) << "\nLesotho joined in 2021.\n";  // changed
    fs::remove(file(kThird));                                             // deleted
    std::ofstream(corpus_ / "new.txt") << "Botswana and Namibia in 2007.\n";        // added
    const IndexSummary second = run();
    EXPECT_EQ(second.unchanged, 3u);  // the touched one and the two left alone
    EXPECT_EQ(second.updated, 1u);
    EXPECT_EQ(second.added, 1u);
    EXPECT_EQ(second.deleted, 1u);
    EXPECT_EQ(second.skipped.size(), 0u);
    EXPECT_EQ(second.generation, 2u);
    EXPECT_EQ(second.documents, 5u);
    EXPECT_NE(stored_text(kSecond).find("Lesotho joined in 2021."), std::string::npos);
}

TEST_F(StatIncremental, CatalogueChangeReindexesItsDocumentOnly) {
    run();
    std::string catalog = read_file(corpus_ / "catalog.toml");
    const std::string from = "kind = \"report\"";
    const auto at = catalog.find(from);  // the first entry is kFirst's
    ASSERT_NE(at, std::string::npos);
    catalog.replace(at, from.size(), "kind = \"case study\"");
    std::ofstream(corpus_ / "catalog.toml", std::ios::binary) << catalog;
    const IndexSummary second = run();
    EXPECT_EQ(second.updated, 1u);
    EXPECT_EQ(second.unchanged, 4u);
    Xapian::Database db(index_.string());
    EXPECT_EQ(db.get_termfreq("XKcase study"), 2u);  // it and the one already catalogued so
}

TEST_F(StatIncremental, ConfigurationChangeReindexesEveryDocument) {
    run();
    Settings settings = default_settings(default_config_dir());
    settings.tagging.years.max_year = 2050;
    const IndexSummary second = run(settings);
    EXPECT_EQ(second.updated, 5u);
    EXPECT_EQ(second.unchanged, 0u);
}

TEST_F(StatIncremental, StoredDocumentsCarryHashAndStampOfEveryDocument) {
    run();
    auto writer = IndexWriter::open(index_);
    ASSERT_TRUE(writer.is_ok());
    auto stored = writer->stored_documents();
    ASSERT_TRUE(stored.is_ok());
    ASSERT_EQ(stored->size(), 5u);
    const StoredDocument& fourth = stored->at(kFourth);
    EXPECT_EQ(fourth.content_hash.size(), 16u);
    const std::string size = std::to_string(fs::file_size(file(kFourth)));
    EXPECT_EQ(fourth.file_stamp.substr(0, size.size() + 1), size + " ");
}

TEST(IndexWriterTransaction, ChangesNotCommittedAreDroppedWhenTheWriterCloses) {
    TempDir tmp;
    const fs::path index = tmp.path() / "index";
    {
        auto writer = IndexWriter::open(index);
        ASSERT_TRUE(writer.is_ok());
        Xapian::Document doc;
        doc.add_boolean_term("Qkept");
        ASSERT_TRUE(writer->put("kept", doc).is_ok());
        ASSERT_TRUE(writer->commit().is_ok());
        Xapian::Document dropped;
        dropped.add_boolean_term("Qdropped");
        ASSERT_TRUE(writer->put("dropped", dropped).is_ok());
    }  // a failed run ends like this: the writer goes without a commit
    Xapian::Database db(index.string());
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_EQ(db.get_termfreq("Qdropped"), 0u);
}

}  // namespace
}  // namespace consulta
