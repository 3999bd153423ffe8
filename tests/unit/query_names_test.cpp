// Names and dotted abbreviations in q, against a real index of tests/data/query_corpus (five
// small files; the comments below say which file holds what).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/search/query_substitution.h"
#include "core/search/searcher.h"
#include "indexer/corpus_indexer.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;

// n1_eswatini   "Eswatini" x2, South Africa, "e.g.", "U.S."
// n2_swaziland  "Swaziland" x2, Botswana, "U.N."
// n3_korea      North Korea, DPR Korea, bare "Korea", Republic of Korea, Guinea, trafficking
// n4_us         "U.S." x2, "e.g.", "U.N.", Burma, "us-versus-them"
// n5_bali       Bali Process, bare "Bali", "U.N.", "e.g.", trafficking
const fs::path kCorpus = fs::path(CONSULTA_TEST_DATA_DIR) / "query_corpus";
using Ids = std::vector<std::string>;

class QueryNamesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(fs::temp_directory_path() /
                            ("consulta_query_names_test_" + std::to_string(::getpid())));
        fs::remove_all(*dir_);
        fs::create_directories(*dir_);
        settings_ = new Settings(default_settings(default_config_dir()));
        auto summary = index_corpus({kCorpus, *dir_ / "index", *settings_, {}});
        ASSERT_TRUE(summary) << summary.status().message();
        ASSERT_EQ(summary->added, 5u);
        auto gazetteer = Gazetteer::load(settings_->gazetteers);
        ASSERT_TRUE(gazetteer) << gazetteer.status().message();
        gazetteer_ = new std::shared_ptr<const Gazetteer>(
            std::make_shared<const Gazetteer>(std::move(*gazetteer)));
    }
    static void TearDownTestSuite() {
        fs::remove_all(*dir_);
        delete dir_;
        delete settings_;
        delete gazetteer_;
    }
    void SetUp() override {
        auto searcher = Searcher::open(*dir_ / "index", *gazetteer_, *settings_);
        ASSERT_TRUE(searcher) << searcher.status().message();
        searcher_ = std::make_unique<Searcher>(std::move(*searcher));
    }

    SearchResponse search(const std::string& q, bool resolve = true, Filters filters = {}) {
        SearchRequest request;
        request.q = q;
        request.resolve_names = resolve;
        request.filters = std::move(filters);
        request.limit = 100;
        auto response = searcher_->search(request);
        EXPECT_TRUE(response) << q << ": " << response.status().message();
        return response ? *response : SearchResponse{};
    }
    Ids ids(const std::string& q, bool resolve = true, Filters filters = {}) {
        Ids out;
        for (const SearchHit& hit : search(q, resolve, std::move(filters)).hits) out.push_back(hit.id);
        std::sort(out.begin(), out.end());
        return out;
    }

    static fs::path* dir_;
    static Settings* settings_;
    static std::shared_ptr<const Gazetteer>* gazetteer_;
    std::unique_ptr<Searcher> searcher_;
};

fs::path* QueryNamesTest::dir_ = nullptr;
Settings* QueryNamesTest::settings_ = nullptr;
std::shared_ptr<const Gazetteer>* QueryNamesTest::gazetteer_ = nullptr;

TEST_F(QueryNamesTest, ANameFindsEveryDocumentThatMentionsTheEntity) {
    const SearchResponse r = search("Eswatini");
    EXPECT_EQ(r.total, 2u);
    EXPECT_EQ(ids("Eswatini"), (Ids{"n1_eswatini", "n2_swaziland"}));
    EXPECT_EQ(ids("Eswatini"), ids("", true, {{FacetType::kState, {"SZ"}}}));
    ASSERT_EQ(r.resolved.size(), 1u);
    EXPECT_EQ(r.resolved[0].text, "Eswatini");
    EXPECT_EQ(r.resolved[0].type, EntityType::kState);
    EXPECT_EQ(r.resolved[0].id, "SZ");
    EXPECT_EQ(r.resolved[0].label, "Eswatini");
    EXPECT_TRUE(r.ambiguous.empty());
    // Any name of the entity, in any case the tagger accepts.
    EXPECT_EQ(ids("swaziland"), (Ids{"n1_eswatini", "n2_swaziland"}));
    EXPECT_EQ(ids("\"Eswatini\""), (Ids{"n1_eswatini", "n2_swaziland"}));
}

TEST_F(QueryNamesTest, ResolvingIsSwitchedOffPerRequest) {
    const SearchResponse r = search("Eswatini", false);
    EXPECT_EQ(r.total, 1u);
    EXPECT_TRUE(r.resolved.empty());
    EXPECT_EQ(ids("Eswatini", false), (Ids{"n1_eswatini"}));
}

TEST_F(QueryNamesTest, NamesCombineWithWordsAndOperators) {
    // Both names resolved, AND-ed: only n2 mentions Botswana and Swaziland.
    const SearchResponse r = search("Botswana Eswatini");
    EXPECT_EQ(r.total, 1u);
    ASSERT_EQ(r.resolved.size(), 2u);
    EXPECT_EQ(r.resolved[0].id, "BW");
    EXPECT_EQ(r.resolved[1].id, "SZ");
    EXPECT_EQ(ids("trafficking OR Eswatini"), (Ids{"n1_eswatini", "n2_swaziland", "n3_korea", "n5_bali"}));
    EXPECT_EQ(ids("labour NOT Eswatini"), Ids{});
    EXPECT_EQ(ids("talks NOT Eswatini"), Ids{});
    EXPECT_EQ(ids("talks NOT Eswatini", false), Ids{"n2_swaziland"});
    // A prefixed value is a filter, never a name to resolve twice.
    EXPECT_TRUE(search("title:Eswatini").resolved.empty());
    EXPECT_EQ(ids("title:Eswatini"), Ids{"n1_eswatini"});
}

TEST_F(QueryNamesTest, ANameOfSeveralWordsIsAPhraseOrItsEntity) {
    const SearchResponse r = search("North Korea");
    ASSERT_EQ(r.resolved.size(), 1u);
    EXPECT_EQ(r.resolved[0].id, "KP");
    EXPECT_EQ(r.resolved[0].text, "North Korea");
    EXPECT_EQ(ids("North Korea"), ids("", true, {{FacetType::kState, {"KP"}}}));
    EXPECT_EQ(ids("North Korea"), Ids{"n3_korea"});
    const SearchResponse bali = search("Bali Process");
    ASSERT_EQ(bali.resolved.size(), 1u);
    EXPECT_EQ(bali.resolved[0].type, EntityType::kMechanism);
    EXPECT_EQ(bali.resolved[0].id, "bali_process");
    EXPECT_EQ(ids("Bali Process"), Ids{"n5_bali"});
}

TEST_F(QueryNamesTest, AnAmbiguousNameStaysAWordAndListsItsCandidates) {
    const SearchResponse korea = search("Korea");
    EXPECT_TRUE(korea.resolved.empty());
    ASSERT_EQ(korea.ambiguous.size(), 1u);
    EXPECT_EQ(korea.ambiguous[0].text, "Korea");
    ASSERT_EQ(korea.ambiguous[0].candidates.size(), 2u);
    EXPECT_EQ(korea.ambiguous[0].candidates[0].first, "KP");
    EXPECT_EQ(korea.ambiguous[0].candidates[1].first, "KR");
    EXPECT_EQ(ids("Korea"), ids("Korea", false));
    const SearchResponse guinea = search("Guinea");
    EXPECT_TRUE(guinea.resolved.empty());
    ASSERT_EQ(guinea.ambiguous.size(), 1u);
    EXPECT_EQ(guinea.ambiguous[0].candidates.size(), 4u);
    EXPECT_EQ(ids("Guinea"), Ids{"n3_korea"});
    const SearchResponse congo = search("congo");
    ASSERT_EQ(congo.ambiguous.size(), 1u);
    EXPECT_EQ(congo.total, 0u);
}

TEST_F(QueryNamesTest, TheEntityIsHighlightedInSnippets) {
    const SearchResponse r = search("Eswatini");
    const auto hit = std::find_if(r.hits.begin(), r.hits.end(),
                                  [](const SearchHit& h) { return h.id == "n2_swaziland"; });
    ASSERT_NE(hit, r.hits.end());
    ASSERT_FALSE(hit->snippets.empty());
    const Snippet& s = hit->snippets.front();
    ASSERT_FALSE(s.highlights.empty());
    for (const auto& [start, end] : s.highlights) {
        EXPECT_EQ(s.text.substr(start, end - start), "Swaziland");
    }
}

TEST_F(QueryNamesTest, DottedAbbreviationsFindEveryDocumentThatHasThem) {
    for (bool resolve : {false, true}) {
        EXPECT_EQ(ids("U.S.", resolve), (Ids{"n1_eswatini", "n4_us"})) << resolve;
        EXPECT_EQ(ids("u.s.", resolve), (Ids{"n1_eswatini", "n4_us"})) << resolve;
        EXPECT_EQ(ids("U.N.", resolve), (Ids{"n2_swaziland", "n4_us", "n5_bali"})) << resolve;
        EXPECT_EQ(ids("e.g.", resolve), (Ids{"n1_eswatini", "n4_us", "n5_bali"})) << resolve;
        EXPECT_EQ(ids("e.g. pensions", resolve), Ids{"n1_eswatini"}) << resolve;
        EXPECT_EQ(ids("\"the U.S. embassy\"", resolve), Ids{"n1_eswatini"}) << resolve;
        EXPECT_EQ(ids("\"the U.S. refugee\"", resolve), Ids{}) << resolve;
        EXPECT_EQ(ids("U.S. NOT refugees", resolve), Ids{"n1_eswatini"}) << resolve;
    }
    // Stemmed like any word: the score is a real weight, not a filter's zero.
    const SearchResponse r = search("e.g.", false);
    ASSERT_EQ(r.hits.size(), 3u);
    EXPECT_GT(r.hits.back().score, 0.0);
}

TEST(QuerySubstitution, RebuildsOnlyTheBranchesThatHoldTheTerm) {
    const std::vector<Xapian::Query> ap{Xapian::Query("a"), Xapian::Query("p")};
    const std::vector<Xapian::Query> bp{Xapian::Query("b"), Xapian::Query("p")};
    const Xapian::Query phrase(Xapian::Query::OP_PHRASE, ap.begin(), ap.end(), 2);
    const Xapian::Query near(Xapian::Query::OP_NEAR, bp.begin(), bp.end(), 7);
    const Xapian::Query scaled(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("p"), 0.5);
    const std::vector<Xapian::Query> parts{phrase, near, scaled, Xapian::Query("c")};
    const Xapian::Query all(Xapian::Query::OP_AND, parts.begin(), parts.end());
    const Xapian::Query out = substitute_terms(all, {{"p", Xapian::Query("u.s")}});
    EXPECT_EQ(out.get_description(),
              "Query(((a PHRASE 2 u.s) AND (b NEAR 7 u.s) AND 0.5 * u.s AND c))");
    EXPECT_EQ(substitute_terms(all, {{"x", Xapian::Query("y")}}).get_description(),
              all.get_description());
}

}  // namespace
}  // namespace consulta
