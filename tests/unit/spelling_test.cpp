// "Did you mean" on the real corpus: never for a word the index knows, however rare (the
// names below are in one or two documents each), and for real misspellings of its words.
#include <gtest/gtest.h>

#include "core/search/searcher.h"
#include "indexer/corpus_indexer.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {

class SpellingTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test_support::TempDir();
        const Settings settings = default_settings(default_config_dir());
        auto summary = index_corpus({std::filesystem::path(CONSULTA_SOURCE_DIR) / "corpus",
                                     dir_->path() / "index", settings, {}});
        ASSERT_TRUE(summary) << summary.status().message();
        auto gazetteer = Gazetteer::load(settings.gazetteers);
        ASSERT_TRUE(gazetteer);
        auto searcher = Searcher::open(dir_->path() / "index",
                                       std::make_shared<const Gazetteer>(std::move(*gazetteer)),
                                       settings);
        ASSERT_TRUE(searcher);
        searcher_ = new Searcher(std::move(*searcher));
    }
    static void TearDownTestSuite() {
        delete searcher_;
        delete dir_;
    }
    static SearchResponse search(const std::string& q) {
        SearchRequest request;
        request.q = q;
        auto r = searcher_->search(request);
        EXPECT_TRUE(r) << r.status().message();
        return r ? *r : SearchResponse{};
    }
    static test_support::TempDir* dir_;
    static Searcher* searcher_;
};
test_support::TempDir* SpellingTest::dir_ = nullptr;
Searcher* SpellingTest::searcher_ = nullptr;

TEST_F(SpellingTest, RareNamesThatFindDocumentsAreNeverCorrected) {
    const std::pair<const char*, std::size_t> cases[] = {
        {"Costa Rica", 2}, {"Nepal", 1}, {"\"Hong Kong\"", 1}, {"Hans-Petter Boe", 1},
        {"Mauritius", 2},  {"Lesotho", 2}, {"readmission", 2}};
    for (const auto& [q, documents] : cases) {
        const SearchResponse r = search(q);
        EXPECT_EQ(r.total, documents) << q;
        EXPECT_FALSE(r.suggestion) << q << " -> " << r.suggestion.value_or("");
    }
}

TEST_F(SpellingTest, RealMisspellingsGetTheCorpusWord) {
    const std::pair<const char*, const char*> cases[] = {
        {"trafficing", "trafficking"},
        {"Lesoto", "lesotho"},
        {"readmision agreements", "readmission agreements"},
        {"Costa Rcia", "Costa rica"},
    };
    for (const auto& [q, want] : cases) {
        const SearchResponse r = search(q);
        EXPECT_EQ(r.total, 0u) << q;
        ASSERT_TRUE(r.suggestion) << q;
        EXPECT_EQ(*r.suggestion, want) << q;
    }
}

TEST_F(SpellingTest, AQueryThatFindsSeveralDocumentsIsNotLookedUp) {
    // "trafficking" is in 4 documents: an unknown word OR'd to it changes nothing.
    const SearchResponse r = search("trafficking OR traffickinq");
    EXPECT_EQ(r.total, 4u);
    EXPECT_FALSE(r.suggestion);
}

}  // namespace
}  // namespace consulta
