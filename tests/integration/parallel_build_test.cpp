// The parallel build (two writers into scratch databases, merged and swapped in) must give
// the index one writer gives, keep every run atomic, and survive a kill at any moment.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <xapian.h>

#include "core/index/index_writer.h"
#include "core/index/schema.h"
#include "indexer/corpus_indexer.h"
#include "indexer/index_swap.h"
#include "indexer/sharded_build.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using test_support::read_file;
using test_support::TempDir;

const fs::path kCorpus = fs::path(CONSULTA_SOURCE_DIR) / "corpus";

Settings with_writers(std::size_t writers) {
    Settings s = default_settings(default_config_dir());
    s.indexer.writers = writers;
    s.indexer.parallel_min_documents = 1;
    s.indexer.lane_flush_documents = 7;  // several flushes per lane even on a small corpus
    return s;
}

// Everything a reader can get from one document, as text.
std::string describe(const Xapian::Database& db, Xapian::docid did) {
    std::ostringstream out;
    Xapian::Document doc = db.get_document(did);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        out << *t << ':' << t.get_wdf();
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out << ',' << *p;
        out << ' ';
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) out << '|' << v.get_valueno() << '=' << *v;
    out << '|' << doc.get_data();
    return out.str();
}

std::string describe_spelling(const Xapian::Database& db) {
    std::ostringstream out;
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) out << *w << ':' << w.get_termfreq() << ' ';
    return out.str();
}

int run_program(const std::string& command) {
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class ParallelBuild : public ::testing::Test {
protected:
    void SetUp() override {
        corpus_ = tmp_.path() / "corpus";
        test_support::copy_files(kCorpus, corpus_);
        // Files of unequal sizes, and one broken file, so the lanes' shares differ.
        const std::string paragraph = read_file(corpus_ / "004_802a8142425b9b91.txt");
        for (int i = 0; i < 30; ++i) {
            std::ofstream(corpus_ / ("extra_" + std::to_string(i) + ".txt"))
                << paragraph.substr(0, 200 + 97 * i) << "\nBotswana in " << (1990 + i) << ".\n";
        }
        std::ofstream(corpus_ / "broken.pdf") << "%PDF-1.4\n1 0 obj\n<< /Type /Catalog";
    }
    IndexSummary run(const fs::path& index, const Settings& settings) {
        auto summary = index_corpus({corpus_, index, settings, {}});
        EXPECT_TRUE(summary.is_ok()) << summary.status().message();
        return summary.is_ok() ? summary.value() : IndexSummary{};
    }
    TempDir tmp_;
    fs::path corpus_;
};

TEST_F(ParallelBuild, GivesTheIndexOneWriterGives) {
    const fs::path one = tmp_.path() / "one", two = tmp_.path() / "two";
    const IndexSummary single = run(one, with_writers(1));
    const IndexSummary parallel = run(two, with_writers(2));
    EXPECT_EQ(single.writers, 1u);
    EXPECT_EQ(parallel.writers, 2u);
    EXPECT_EQ(parallel.added, 35u);
    EXPECT_EQ(parallel.added, single.added);
    ASSERT_EQ(parallel.skipped.size(), 1u);
    EXPECT_EQ(parallel.skipped[0].path.filename(), "broken.pdf");
    EXPECT_EQ(parallel.mentions, single.mentions);
    EXPECT_EQ(parallel.bytes_read, single.bytes_read);
    EXPECT_EQ(parallel.generation, 1u);
    EXPECT_EQ(parallel.documents, 35u);

    Xapian::Database a(one.string()), b(two.string());
    ASSERT_EQ(a.get_doccount(), b.get_doccount());
    ASSERT_EQ(a.get_lastdocid(), b.get_lastdocid());
    for (Xapian::docid did = 1; did <= a.get_lastdocid(); ++did) {
        EXPECT_EQ(describe(a, did), describe(b, did)) << "document " << did;
    }
    EXPECT_EQ(describe_spelling(a), describe_spelling(b));
    for (std::string_view key : {schema::kMetaSchema, schema::kMetaGeneration, schema::kMetaStemLanguage}) {
        EXPECT_EQ(a.get_metadata(std::string(key)), b.get_metadata(std::string(key))) << key;
    }
    EXPECT_FALSE(b.get_metadata(std::string(schema::kMetaIndexedAt)).empty());
    EXPECT_EQ(b.get_metadata("consulta.revision_padding"), "");
    EXPECT_FALSE(fs::exists(staging_dir_for(two))) << "the scratch folder is removed";
}

// A new shard is written as a new index is, in a scratch lane merged into its place (bounded
// memory, full tables): it must hold what a shard written in place holds, keep its spelling
// data in aux as before, and be updated in place by the next run.
TEST_F(ParallelBuild, ANewShardIsBuiltInALaneAndHoldsWhatAShardWrittenInPlaceHolds) {
    const fs::path fresh = tmp_.path() / "fresh", in_place = tmp_.path() / "in_place";
    const Settings lanes = with_writers(2);  // parallel_min_documents 1: each shard in a lane
    Settings plain = with_writers(2);
    plain.indexer.parallel_min_documents = 1000;  // each shard in place
    auto a = index_sharded({corpus_, fresh, lanes, {}}, 2);
    auto b = index_sharded({corpus_, in_place, plain, {}}, 2);
    ASSERT_TRUE(a.is_ok()) << a.status().message();
    ASSERT_TRUE(b.is_ok()) << b.status().message();
    EXPECT_EQ(a->added, 35u);
    EXPECT_EQ(a->documents, 35u);
    EXPECT_EQ(a->generation, 1u);
    ASSERT_EQ(a->skipped.size(), 1u);
    EXPECT_EQ(a->skipped[0].path.filename(), "broken.pdf");
    EXPECT_EQ(a->mentions, b->mentions);
    for (std::size_t k = 0; k < 2; ++k) {
        const fs::path shard = fresh / shard_folder_name(k);
        Xapian::Database x(shard.string()), y((in_place / shard_folder_name(k)).string());
        ASSERT_EQ(x.get_doccount(), y.get_doccount());
        EXPECT_GT(x.get_doccount(), 5u) << "both shards hold documents";
        for (Xapian::docid did = 1; did <= x.get_lastdocid(); ++did) {
            EXPECT_EQ(describe(x, did), describe(y, did)) << "shard " << k << " document " << did;
        }
        EXPECT_EQ(describe_spelling(x), "") << "a shard's spelling data is in aux";
        EXPECT_FALSE(fs::exists(staging_dir_for(shard))) << "the scratch folder is removed";
        EXPECT_EQ(run_program("xapian-check " + shard.string()), 0);
    }
    const std::string spelling = describe_spelling(Xapian::Database((fresh / "aux").string()));
    EXPECT_NE(spelling, "");
    EXPECT_EQ(spelling, describe_spelling(Xapian::Database((in_place / "aux").string())));

    std::ofstream(corpus_ / "extra_3.txt", std::ios::app) << "Lesotho in 2021.\n";
    auto again = index_sharded({corpus_, fresh, lanes, {}}, 2);
    ASSERT_TRUE(again.is_ok()) << again.status().message();
    EXPECT_EQ(again->updated, 1u);
    EXPECT_EQ(again->unchanged, 34u);
    EXPECT_EQ(again->generation, 2u);
}

TEST_F(ParallelBuild, LaterRunsUpdateTheMergedIndexInPlace) {
    const fs::path index = tmp_.path() / "index";
    run(index, with_writers(2));
    std::ofstream(corpus_ / "extra_3.txt", std::ios::app) << "Lesotho in 2021.\n";
    fs::remove(corpus_ / "extra_4.txt");
    const IndexSummary second = run(index, with_writers(2));
    EXPECT_EQ(second.writers, 1u) << "an index with documents is never rebuilt in parallel";
    EXPECT_EQ(second.updated, 1u);
    EXPECT_EQ(second.deleted, 1u);
    EXPECT_EQ(second.unchanged, 33u);
    EXPECT_EQ(second.generation, 2u);
    EXPECT_EQ(run_program("xapian-check " + index.string()), 0);
}

TEST_F(ParallelBuild, AReaderOpenBeforeTheSwapSeesTheNewIndexAfterReopen) {
    const fs::path index = tmp_.path() / "index";
    {
        // An empty index that has been committed several times: its revision is above what
        // the merge starts with, and reopen() only looks further when the revision changes.
        auto writer = IndexWriter::open(index);
        ASSERT_TRUE(writer.is_ok());
        for (int i = 0; i < 6; ++i) {
            Xapian::Document doc;
            doc.add_boolean_term("Qtmp");
            ASSERT_TRUE(writer->put("tmp", doc).is_ok());
            ASSERT_TRUE(writer->commit().is_ok());
            ASSERT_TRUE(writer->remove("tmp").is_ok());
            ASSERT_TRUE(writer->commit().is_ok());
        }
    }
    Xapian::Database reader(index.string());
    ASSERT_EQ(reader.get_doccount(), 0u);
    const IndexSummary summary = run(index, with_writers(2));
    EXPECT_EQ(summary.writers, 2u);
    EXPECT_EQ(summary.generation, 13u) << "the generation keeps counting";
    reader.reopen();
    EXPECT_EQ(reader.get_doccount(), 35u);
    EXPECT_EQ(reader.get_termfreq("Qextra_7"), 1u);
}

TEST_F(ParallelBuild, ASecondIndexerFailsAtOnceWhileOneHoldsTheLock) {
    const fs::path index = tmp_.path() / "index";
    auto holder = IndexWriter::open(index);
    ASSERT_TRUE(holder.is_ok());
    auto summary = index_corpus({corpus_, index, with_writers(2), {}});
    ASSERT_FALSE(summary.is_ok());
    EXPECT_EQ(summary.status().code(), ErrorCode::kLocked);
}

TEST_F(ParallelBuild, KillDuringABuildLeavesTheLastCommitAndTheNextRunCompletesIt) {
    const std::string paragraph = read_file(corpus_ / "004_802a8142425b9b91.txt");
    for (int i = 30; i < 400; ++i) std::ofstream(corpus_ / ("extra_" + std::to_string(i) + ".txt")) << paragraph;
    fs::remove(corpus_ / "broken.pdf");
    const fs::path index = tmp_.path() / "index";
    const fs::path config = tmp_.path() / "parallel.toml";
    const fs::path dir = default_config_dir();
    std::ofstream(config) << "[gazetteers]\nstates = \"" << (dir / "states.tsv").string()
                          << "\"\nmechanisms = \"" << (dir / "mechanisms.tsv").string()
                          << "\"\norganisations = \"" << (dir / "organisations.tsv").string()
                          << "\"\n[indexer]\nwriters = 2\nparallel_min_documents = 100\n"
                             "lane_flush_documents = 25\n";
    const std::string indexer = std::string(CONSULTA_BIN_DIR) + "/consulta-indexer --quiet --corpus " +
                                corpus_.string() + " --index " + index.string() + " --config " +
                                config.string();
    for (int delay_ms : {150, 600, 1500}) {
        const std::string killed = "timeout -s KILL " + std::to_string(delay_ms / 1000.0) + " " + indexer;
        std::system((killed + " >/dev/null 2>&1").c_str());
        if (!fs::exists(index / "iamglass")) continue;  // killed before the index was created
        EXPECT_EQ(run_program("xapian-check " + index.string()), 0) << "after a kill at " << delay_ms << " ms";
        // All or nothing: the build is swapped in whole.
        const Xapian::doccount count = Xapian::Database(index.string()).get_doccount();
        EXPECT_TRUE(count == 0u || count == 405u) << count;
    }
    EXPECT_EQ(run_program(indexer), 0);
    EXPECT_EQ(run_program("xapian-check " + index.string()), 0);
    EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 405u);
    EXPECT_FALSE(fs::exists(staging_dir_for(index)));
}

}  // namespace
}  // namespace consulta
