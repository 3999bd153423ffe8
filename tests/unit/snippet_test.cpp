// Snippets found through the index, on documents where the old way (tokenising the first MiB
// of each hit) fails: a 20 MB text with matches near its end, non-ASCII words, a PDF whose
// matches sit on both sides of a page break, and the setting that switches snippets off.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/search/searcher.h"
#include "indexer/corpus_indexer.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;

// Where the long document names Zanzibar ("Zanzibar" or "Zanzibar's") and Botswana.
const std::vector<std::uint32_t> kZanzibarAt = {5'000'000, 12'000'017, 19'990'003};
constexpr std::uint32_t kBotswanaAt = 15'000'011;
constexpr std::size_t kLongBytes = 20'000'000;

std::string long_text() {
    const std::string filler = "the council reviewed the annual figures and the minutes. ";
    std::string text;
    text.reserve(kLongBytes);
    auto fill_to = [&](std::size_t at) {
        while (text.size() < at) text += filler;
        text.resize(at);
        text += ' ';  // never inside a word
    };
    fill_to(kZanzibarAt[0]);
    text += "Zanzibar hosted migrations ";
    fill_to(kZanzibarAt[1]);
    text += "Zanzibar's delegation ";
    fill_to(kBotswanaAt);
    text += "Botswana spoke ";
    fill_to(kZanzibarAt[2]);
    text += "Zanzibar closed. ";
    fill_to(kLongBytes);
    return text;
}

const std::string kUnicode =
    "Réunion à Söderköping: la délégation de Côte d’Ivoire et l’OIM. "
    "Der Söderköping-Prozess tagte in Kyjiw. 東京 hosted talks on naïve models.\n";

class SnippetTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test_support::TempDir();
        const fs::path corpus = dir_->path() / "corpus";
        fs::create_directories(corpus);
        std::ofstream(corpus / "long.txt", std::ios::binary) << long_text();
        std::ofstream(corpus / "unicode.txt", std::ios::binary) << kUnicode;
        fs::copy_file(fs::path(CONSULTA_TEST_DATA_DIR) / "sources" / "two_pages.pdf",
                      corpus / "two_pages.pdf");
        settings_ = new Settings(default_settings(default_config_dir()));
        settings_->indexer.max_text_bytes = 32u << 20;  // the 20 MB text whole (default cap: 16 MB)
        auto summary = index_corpus({corpus, dir_->path() / "index", *settings_, {}});
        ASSERT_TRUE(summary) << summary.status().message();
        ASSERT_EQ(summary->added, 3u);
        auto gazetteer = Gazetteer::load(settings_->gazetteers);
        ASSERT_TRUE(gazetteer);
        gazetteer_ = new std::shared_ptr<const Gazetteer>(
            std::make_shared<const Gazetteer>(std::move(*gazetteer)));
    }
    static void TearDownTestSuite() {
        delete dir_;
        delete settings_;
        delete gazetteer_;
    }

    SearchHit only_hit(const std::string& q, Filters filters = {}, Settings settings = *settings_) {
        auto searcher = Searcher::open(dir_->path() / "index", *gazetteer_, settings);
        EXPECT_TRUE(searcher);
        SearchRequest request;
        request.q = q;
        request.filters = std::move(filters);
        auto r = searcher->search(request);
        EXPECT_TRUE(r) << r.status().message();
        EXPECT_EQ(r->hits.size(), 1u) << q;
        return r->hits.empty() ? SearchHit{} : r->hits[0];
    }
    static std::string text_of(const std::string& id) {
        auto searcher = Searcher::open(dir_->path() / "index", *gazetteer_, *settings_);
        auto doc = searcher->document(id, true);
        return doc && doc->text ? *doc->text : std::string();
    }
    // Every highlight as (offset in the document, highlighted text).
    static std::set<std::pair<std::uint32_t, std::string>> highlights(const SearchHit& hit) {
        std::set<std::pair<std::uint32_t, std::string>> out;
        for (const Snippet& s : hit.snippets) {
            for (const auto& [a, b] : s.highlights) out.emplace(s.start + a, s.text.substr(a, b - a));
        }
        return out;
    }

    static test_support::TempDir* dir_;
    static Settings* settings_;
    static std::shared_ptr<const Gazetteer>* gazetteer_;
};
test_support::TempDir* SnippetTest::dir_ = nullptr;
Settings* SnippetTest::settings_ = nullptr;
std::shared_ptr<const Gazetteer>* SnippetTest::gazetteer_ = nullptr;

TEST_F(SnippetTest, MatchesAnywhereInA20MBDocumentAreFoundAndSlicedExactly) {
    const SearchHit hit = only_hit("zanzibar");
    ASSERT_EQ(hit.snippets.size(), 3u);
    const std::string text = text_of("long");
    ASSERT_EQ(text.size(), long_text().size());
    for (const Snippet& s : hit.snippets) {
        EXPECT_EQ(s.text, text.substr(s.start, s.end - s.start));
        EXPECT_LE(s.text.size(), 260u);
        EXPECT_EQ(s.page, 0);
    }
    const std::set<std::pair<std::uint32_t, std::string>> want = {
        {kZanzibarAt[0] + 1, "Zanzibar"}, {kZanzibarAt[1] + 1, "Zanzibar"},
        {kZanzibarAt[2] + 1, "Zanzibar"}};
    EXPECT_EQ(highlights(hit), want);
}

TEST_F(SnippetTest, AWordANotExcludesIsNotLookedForAndTheOthersStillAre) {
    const SearchHit hit = only_hit("zanzibar NOT eswatini");
    EXPECT_EQ(hit.id, "long");
    EXPECT_EQ(highlights(hit), highlights(only_hit("zanzibar")));
    EXPECT_EQ(highlights(hit).size(), 3u);
}

TEST_F(SnippetTest, AStemHighlightsEveryWordOfThatStem) {
    const SearchHit hit = only_hit("zanzibar migration");
    const std::set<std::pair<std::uint32_t, std::string>> want = {
        {kZanzibarAt[0] + 1, "Zanzibar"}, {kZanzibarAt[0] + 17, "migrations"},
        {kZanzibarAt[1] + 1, "Zanzibar"}, {kZanzibarAt[2] + 1, "Zanzibar"}};
    EXPECT_EQ(highlights(hit), want);
    EXPECT_EQ(hit.snippets[0].start + hit.snippets[0].highlights[0].first, kZanzibarAt[0] + 1)
        << "the passage with both words comes first";
}

TEST_F(SnippetTest, AFilterOnlySearchShowsTheEntityDeepInTheText) {
    auto searcher = Searcher::open(dir_->path() / "index", *gazetteer_, *settings_);
    ASSERT_TRUE(searcher);
    SearchRequest request;
    request.filters = {{FacetType::kState, {"BW"}}};
    auto r = searcher->search(request);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->total, 2u);  // long.txt and two_pages.pdf
    for (const SearchHit& hit : r->hits) {
        if (hit.id != "long") continue;
        EXPECT_EQ(highlights(hit), (std::set<std::pair<std::uint32_t, std::string>>{
                                       {kBotswanaAt + 1, "Botswana"}}));
        return;
    }
    FAIL() << "long.txt is not among the hits";
}

TEST_F(SnippetTest, NonAsciiWordsAreHighlightedByteExactly) {
    const SearchHit hit = only_hit("soderkoping");
    const std::size_t first = kUnicode.find("Söderköping");
    const std::size_t second = kUnicode.find("Söderköping", first + 1);
    EXPECT_EQ(highlights(hit), (std::set<std::pair<std::uint32_t, std::string>>{
                                   {first, "Söderköping"}, {second, "Söderköping"}}));
    const SearchHit tokyo = only_hit("東京");
    EXPECT_EQ(highlights(tokyo), (std::set<std::pair<std::uint32_t, std::string>>{
                                     {kUnicode.find("東京"), "東京"}}));
    const SearchHit naive = only_hit("naive");
    EXPECT_EQ(highlights(naive), (std::set<std::pair<std::uint32_t, std::string>>{
                                     {kUnicode.find("naïve"), "naïve"}}));
}

TEST_F(SnippetTest, APdfSnippetCitesThePageOfItsMatchAndSaysWhenItCrossesABreak) {
    // two_pages.pdf: "Botswana" on page 1, "Eswatini" on page 2; the passage spans both.
    const SearchHit second = only_hit("eswatini");
    ASSERT_EQ(second.snippets.size(), 1u);
    EXPECT_EQ(second.snippets[0].page, 2);
    EXPECT_EQ(second.snippets[0].pages, (std::vector<int>{1, 2}));
    const SearchHit first = only_hit("botswana lesotho");
    ASSERT_FALSE(first.snippets.empty());
    EXPECT_EQ(first.id, "two_pages");
    EXPECT_EQ(first.snippets[0].page, 1);
    EXPECT_EQ(first.snippets[0].pages, (std::vector<int>{1, 2}));
}

TEST_F(SnippetTest, ZeroSnippetsPerHitSwitchesThemOff) {
    Settings off = *settings_;
    off.searchd.snippets_per_hit = 0;
    EXPECT_TRUE(only_hit("zanzibar", {}, off).snippets.empty());
}

}  // namespace
}  // namespace consulta
