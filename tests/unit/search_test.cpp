// Tests of core/search against a real index built from tests/data/search_corpus: four tiny
// documents whose every mention is known (see the comments on kDocs below).
#include "core/search/searcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <atomic>
#include <thread>

#include "core/search/mentions.h"
#include "core/search/query_text.h"
#include "core/search/search_json.h"
#include "indexer/corpus_indexer.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;

// a_midsa       report 2006: midsa x2, BW x2, ZA x2 ("South Africa", "RSA"), iom x1, 2006 x1
// b_puebla      case study 2010: rcm x2, MX, GT, BO x2 (one demonym), 1996, 2008, 2010
// c_soderkoping presentation 2005: soderkoping_process x2, UA, BY, MD, BA, 2004
// d_workshop    workshop record 2019: ZA x2 (one demonym), BW x1, 2019
const fs::path kCorpus = fs::path(CONSULTA_TEST_DATA_DIR) / "search_corpus";

class SearchTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(fs::temp_directory_path() /
                            ("consulta_search_test_" + std::to_string(::getpid())));
        fs::remove_all(*dir_);
        fs::create_directories(*dir_);
        settings_ = new Settings(default_settings(default_config_dir()));
        auto summary = index_corpus({kCorpus, *dir_ / "index", *settings_, {}});
        ASSERT_TRUE(summary) << summary.status().message();
        ASSERT_EQ(summary->added, 4u);
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

    SearchResponse search(SearchRequest request) {
        auto response = searcher_->search(request);
        EXPECT_TRUE(response) << response.status().message();
        return response ? *response : SearchResponse{};
    }
    SearchResponse search(const std::string& q, Filters filters = {}) {
        SearchRequest request;
        request.q = q;
        request.filters = std::move(filters);
        return search(request);
    }
    std::vector<std::string> ids(const std::string& q, Filters filters = {}) {
        std::vector<std::string> out;
        for (const SearchHit& hit : search(q, std::move(filters)).hits) out.push_back(hit.id);
        std::sort(out.begin(), out.end());
        return out;
    }
    Status error_of(const std::string& q, Filters filters = {}) {
        SearchRequest request;
        request.q = q;
        request.filters = std::move(filters);
        auto response = searcher_->search(request);
        return response ? Status{} : response.status();
    }
    static std::map<std::string, std::size_t> counts(const std::vector<FacetValue>& values) {
        std::map<std::string, std::size_t> out;
        for (const FacetValue& v : values) out[v.value] = v.count;
        return out;
    }

    static fs::path* dir_;
    static Settings* settings_;
    static std::shared_ptr<const Gazetteer>* gazetteer_;
    std::unique_ptr<Searcher> searcher_;
};

fs::path* SearchTest::dir_ = nullptr;
Settings* SearchTest::settings_ = nullptr;
std::shared_ptr<const Gazetteer>* SearchTest::gazetteer_ = nullptr;

using Ids = std::vector<std::string>;

TEST_F(SearchTest, FreeTextFindsExactlyTheDocumentsWithTheWord) {
    const SearchResponse r = search("trafficking");
    EXPECT_EQ(r.total, 2u);
    ASSERT_EQ(r.hits.size(), 2u);
    // b_puebla has the word in its title too.
    EXPECT_EQ(r.hits[0].id, "b_puebla");
    EXPECT_EQ(r.hits[0].rank, 1u);
    EXPECT_EQ(r.hits[1].id, "a_midsa");
    EXPECT_GT(r.hits[0].score, r.hits[1].score);
    EXPECT_EQ(r.hits[0].title, "The Puebla Process and trafficking");
    EXPECT_EQ(r.hits[0].kind, "case study");
    EXPECT_EQ(r.hits[0].published, 2010);
    EXPECT_EQ(r.hits[1].entities.at(EntityType::kState), (Ids{"BW", "ZA"}));
    EXPECT_EQ(r.hits[1].entities.at(EntityType::kYear), (Ids{"2006"}));
}

TEST_F(SearchTest, DefaultOperatorIsAndWithBooleanOperators) {
    EXPECT_EQ(ids("trafficking botswana"), (Ids{"a_midsa"}));
    EXPECT_EQ(ids("trafficking OR asylum"), (Ids{"a_midsa", "b_puebla", "c_soderkoping"}));
    EXPECT_EQ(ids("trafficking NOT botswana"), (Ids{"b_puebla"}));
    EXPECT_EQ(ids("NOT trafficking"), (Ids{"c_soderkoping", "d_workshop"}));
}

TEST_F(SearchTest, EmptyQueryMatchesEverythingAndLimitZeroCountsOnly) {
    SearchRequest request;
    request.limit = 0;
    const SearchResponse r = search(request);
    EXPECT_EQ(r.total, 4u);
    EXPECT_TRUE(r.hits.empty());
    EXPECT_EQ(counts(r.facets.at(FacetType::kKind)),
              (std::map<std::string, std::size_t>{
                  {"case study", 1}, {"presentation", 1}, {"report", 1}, {"workshop record", 1}}));
}

TEST_F(SearchTest, EachFilterAlone) {
    EXPECT_EQ(ids("", {{FacetType::kState, {"BW"}}}), (Ids{"a_midsa", "d_workshop"}));
    EXPECT_EQ(ids("", {{FacetType::kState, {"bo"}}}), (Ids{"b_puebla"}));
    EXPECT_EQ(ids("", {{FacetType::kMechanism, {"puebla"}}}), (Ids{"b_puebla"}));
    EXPECT_EQ(ids("", {{FacetType::kMechanism, {"Soderkoping Process"}}}), (Ids{"c_soderkoping"}));
    EXPECT_EQ(ids("", {{FacetType::kOrganisation, {"iom"}}}), (Ids{"a_midsa"}));
    EXPECT_EQ(ids("", {{FacetType::kYear, {"2006"}}}), (Ids{"a_midsa"}));
    EXPECT_EQ(ids("", {{FacetType::kYear, {"2000..2010"}}}),
              (Ids{"a_midsa", "b_puebla", "c_soderkoping"}));
    EXPECT_EQ(ids("", {{FacetType::kYear, {"2011.."}}}), (Ids{"d_workshop"}));
    EXPECT_EQ(ids("", {{FacetType::kKind, {"report"}}}), (Ids{"a_midsa"}));
    EXPECT_EQ(ids("", {{FacetType::kPublished, {"2005..2010"}}}),
              (Ids{"a_midsa", "b_puebla", "c_soderkoping"}));
    EXPECT_EQ(ids("", {{FacetType::kPublished, {"2019"}}}), (Ids{"d_workshop"}));
}

TEST_F(SearchTest, ValuesOfOneFacetAreOredFacetsAreAnded) {
    EXPECT_EQ(ids("", {{FacetType::kState, {"BW", "BO"}}}), (Ids{"a_midsa", "b_puebla", "d_workshop"}));
    EXPECT_EQ(ids("", {{FacetType::kState, {"BW"}}, {FacetType::kKind, {"report"}}}), (Ids{"a_midsa"}));
    EXPECT_EQ(ids("migrants", {{FacetType::kState, {"ZA"}}, {FacetType::kYear, {"2019"}}}),
              (Ids{"d_workshop"}));
}

TEST_F(SearchTest, StateByIdNameOrAliasIsOneFilter) {
    const Ids expected{"a_midsa", "d_workshop"};
    EXPECT_EQ(ids("state:\"South Africa\""), expected);
    EXPECT_EQ(ids("state:za"), expected);
    EXPECT_EQ(ids("state:RSA"), expected);
    EXPECT_EQ(ids("", {{FacetType::kState, {"South Africa"}}}), expected);
    EXPECT_EQ(ids("", {{FacetType::kState, {"RSA"}}}), expected);
}

TEST_F(SearchTest, QueryPrefixes) {
    EXPECT_EQ(ids("mechanism:puebla"), (Ids{"b_puebla"}));
    EXPECT_EQ(ids("organisation:IOM"), (Ids{"a_midsa"}));
    EXPECT_EQ(ids("year:2000..2010"), (Ids{"a_midsa", "b_puebla", "c_soderkoping"}));
    EXPECT_EQ(ids("year:2019"), (Ids{"d_workshop"}));
    EXPECT_EQ(ids("kind:\"case study\""), (Ids{"b_puebla"}));
    EXPECT_EQ(ids("published:2019"), (Ids{"d_workshop"}));
    EXPECT_EQ(ids("title:process"), (Ids{"b_puebla", "c_soderkoping"}));
    EXPECT_EQ(ids("title:trafficking"), (Ids{"b_puebla"}));
    EXPECT_EQ(ids("state:bw OR state:bo"), (Ids{"a_midsa", "b_puebla", "d_workshop"}));
}

TEST_F(SearchTest, UnknownEntityInPrefixIsABadQueryNamingIt) {
    Status s = error_of("migration state:Xyz");
    EXPECT_EQ(s.code(), ErrorCode::kBadQuery);
    EXPECT_EQ(s.message(), "unknown state 'Xyz'");
    s = error_of("mechanism:nowhere");
    EXPECT_EQ(s.message(), "unknown mechanism 'nowhere'");
}

TEST_F(SearchTest, BadFilterValuesNameTheFacet) {
    Status s = error_of("", {{FacetType::kState, {"Atlantis"}}});
    EXPECT_EQ(s.code(), ErrorCode::kBadParameter);
    EXPECT_EQ(s.message(), "state: unknown state 'Atlantis'");
    s = error_of("", {{FacetType::kYear, {"abc"}}});
    EXPECT_EQ(s.code(), ErrorCode::kBadParameter);
    EXPECT_EQ(s.message(), "year: expected a year or a range like 2000..2010, got 'abc'");
}

TEST_F(SearchTest, PhraseSearch) {
    EXPECT_EQ(ids("\"South Africa\""), (Ids{"a_midsa", "d_workshop"}));
    EXPECT_EQ(ids("\"human trafficking\""), (Ids{"a_midsa"}));
    EXPECT_EQ(ids("\"trafficking human\""), Ids{});
}

TEST_F(SearchTest, StemmingConflatesAsTheIndexerDoes) {
    // English Snowball: migrate/migration -> migrat, migrants -> migrant, trafficked -> traffick.
    EXPECT_EQ(ids("migrate"), (Ids{"a_midsa", "b_puebla"}));
    EXPECT_EQ(ids("migrants"), (Ids{"a_midsa", "d_workshop"}));
    EXPECT_EQ(ids("trafficked"), (Ids{"a_midsa", "b_puebla"}));
}

TEST_F(SearchTest, DiacriticsAndCaseAreFolded) {
    const Ids expected{"c_soderkoping"};
    EXPECT_EQ(ids("Söderköping"), expected);
    EXPECT_EQ(ids("soderkoping"), expected);
    EXPECT_EQ(ids("SODERKOPING"), expected);
    EXPECT_EQ(ids("\"SÖDERKÖPING process\""), expected);
    EXPECT_EQ(search("Söderköping").hits[0].score, search("SODERKOPING").hits[0].score);
}

TEST_F(SearchTest, PossessiveIsCutAsTheTokenizerCutsIt) {
    EXPECT_EQ(ids("Botswana's"), (Ids{"a_midsa", "d_workshop"}));
}

TEST_F(SearchTest, MultiSelectFacetsIgnoreTheirOwnFilter) {
    SearchRequest request;
    request.filters = {{FacetType::kState, {"BW"}}};
    const SearchResponse r = search(request);
    EXPECT_EQ(r.total, 2u);
    // The state facet counts as if no state filter were set ...
    const SearchResponse unfiltered = search("");
    EXPECT_EQ(counts(r.facets.at(FacetType::kState)), counts(unfiltered.facets.at(FacetType::kState)));
    EXPECT_EQ(counts(r.facets.at(FacetType::kState)).at("BW"), 2u);
    EXPECT_EQ(counts(r.facets.at(FacetType::kState)).at("BO"), 1u);
    // ... while every other facet counts within it.
    EXPECT_EQ(counts(r.facets.at(FacetType::kMechanism)),
              (std::map<std::string, std::size_t>{{"midsa", 1}}));
    EXPECT_EQ(counts(r.facets.at(FacetType::kPublished)),
              (std::map<std::string, std::size_t>{{"2006", 1}, {"2019", 1}}));
    EXPECT_TRUE(r.facet_filters.at(FacetType::kState).empty());
    EXPECT_EQ(r.facet_filters.at(FacetType::kMechanism), std::vector{FacetType::kState});
}

TEST_F(SearchTest, FacetCountsEqualSeparateFilteredQueries) {
    const SearchResponse all = search("");
    for (FacetType type : {FacetType::kState, FacetType::kYear, FacetType::kMechanism}) {
        for (const FacetValue& v : all.facets.at(type)) {
            EXPECT_EQ(search("", {{type, {v.value}}}).total, v.count) << v.value;
        }
    }
    const auto& states = all.facets.at(FacetType::kState);
    ASSERT_GE(states.size(), 3u);
    EXPECT_EQ(states[0].value, "BW");  // 2, "Botswana" < "South Africa"
    EXPECT_EQ(states[0].label, "Botswana");
    EXPECT_EQ(states[1].value, "ZA");
    EXPECT_EQ(states[2].count, 1u);
}

TEST_F(SearchTest, FacetValueSearchByPrefix) {
    FacetValuesRequest request;
    request.prefix = "bo";
    auto r = searcher_->facet_values(request);
    ASSERT_TRUE(r) << r.status().message();
    EXPECT_EQ(r->total_values, 3u);
    std::vector<std::string> values;
    for (const FacetValue& v : r->values) values.push_back(v.value);
    EXPECT_EQ(values, (Ids{"BW", "BO", "BA"}));  // Botswana 2, then Bolivia, Bosnia by label
    request.prefix = "herz";
    r = searcher_->facet_values(request);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->values.size(), 1u);
    EXPECT_EQ(r->values[0].value, "BA");
    request.prefix = "";
    request.type = FacetType::kMechanism;
    request.q = "trafficking";
    r = searcher_->facet_values(request);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->total_values, 2u);  // midsa and rcm
}

TEST_F(SearchTest, SnippetHighlightsAreTheMatchedBytes) {
    SearchRequest request;
    request.q = "trafficking";
    for (const SearchHit& hit : search(request).hits) {
        ASSERT_FALSE(hit.snippets.empty());
        auto doc = searcher_->document(hit.id, true);
        ASSERT_TRUE(doc);
        for (const Snippet& s : hit.snippets) {
            EXPECT_EQ(s.text, doc->text->substr(s.start, s.end - s.start));
            ASSERT_FALSE(s.highlights.empty());
            for (const auto& [a, b] : s.highlights) EXPECT_EQ(s.text.substr(a, b - a), "trafficking");
        }
    }
    request.q = "SODERKOPING";
    const SearchResponse r = search(request);
    ASSERT_EQ(r.hits.size(), 1u);
    std::set<std::string> highlighted;
    for (const Snippet& s : r.hits[0].snippets) {
        for (const auto& [a, b] : s.highlights) highlighted.insert(s.text.substr(a, b - a));
    }
    EXPECT_EQ(highlighted, (std::set<std::string>{"Söderköping", "Soderkoping"}));
}

TEST_F(SearchTest, FilterOnlyHitsShowTheEntityMentions) {
    const SearchResponse r = search("", {{FacetType::kState, {"Bolivia"}}});
    ASSERT_EQ(r.hits.size(), 1u);
    std::set<std::string> highlighted;
    for (const Snippet& s : r.hits[0].snippets) {
        for (const auto& [a, b] : s.highlights) highlighted.insert(s.text.substr(a, b - a));
    }
    EXPECT_EQ(highlighted, (std::set<std::string>{"Bolivia", "Bolivian"}));
}

TEST_F(SearchTest, SyntaxErrorsSayWhere) {
    const std::pair<const char*, const char*> cases[] = {
        {"foo AND", "syntax error: 'AND' at offset 4 needs a term after it"},
        {"AND foo", "syntax error: 'AND' at offset 0 needs a term before it"},
        {"a OR OR b", "syntax error: 'OR' at offset 2 needs a term after it"},
        {"a NOT", "syntax error: 'NOT' at offset 2 needs a term after it"},
        {"(foo bar", "syntax error: unclosed '(' at offset 0"},
        {"foo) bar", "syntax error: unmatched ')' at offset 3"},
        {"say \"foo bar", "syntax error: unterminated quote at offset 4"},
        {"trafficking state:", "syntax error: 'state:' at offset 12 needs a value"},
    };
    for (const auto& [q, message] : cases) {
        const Status s = error_of(q);
        EXPECT_EQ(s.code(), ErrorCode::kBadQuery) << q;
        EXPECT_EQ(s.message(), message) << q;
    }
}

TEST_F(SearchTest, LenientParsingFallsBackToWords) {
    SearchRequest request;
    request.q = "trafficking AND";
    request.lenient = true;
    EXPECT_EQ(search(request).total, 2u);
    request.q = "(trafficking botswana";
    EXPECT_EQ(search(request).total, 1u);
}

TEST_F(SearchTest, OverlyComplexQueriesAreRefused) {
    std::string nested;
    for (int i = 0; i < 70; ++i) nested += "(a AND ";
    Status s = error_of(nested + "b" + std::string(70, ')'));
    EXPECT_EQ(s.code(), ErrorCode::kBadQuery);
    EXPECT_TRUE(s.message().starts_with("query too complex")) << s.message();
    std::string many;
    for (int i = 0; i < 1001; ++i) many += "w" + std::to_string(i) + " OR ";
    s = error_of(many + "end");
    EXPECT_TRUE(s.message().starts_with("query too complex")) << s.message();
}

TEST_F(SearchTest, ParsedQueryDescription) {
    SearchRequest request;
    request.q = "trafficking state:za";
    request.debug = true;
    EXPECT_EQ(search(request).parsed_query, "Query((Ztraffick@1 FILTER XSZA))");
    request.q = "\"South Africa\" OR Söderköping";
    request.filters = {{FacetType::kKind, {"report", "presentation"}}};
    // The quoted name is also its state's mentions (resolve_names, on by default).
    EXPECT_EQ(search(request).parsed_query,
              "Query((((south@1 PHRASE 2 africa@2) OR XSZA OR Zsoderkop@4) FILTER "
              "(XKreport OR XKpresentation)))");
    request.resolve_names = false;
    EXPECT_EQ(search(request).parsed_query,
              "Query((((south@1 PHRASE 2 africa@2) OR Zsoderkop@3) FILTER "
              "(XKreport OR XKpresentation)))");
}

TEST_F(SearchTest, SpellingSuggestionForUnknownWords) {
    const SearchResponse r = search("traffiking");
    EXPECT_EQ(r.total, 0u);
    ASSERT_TRUE(r.suggestion);
    EXPECT_EQ(*r.suggestion, "trafficking");
    EXPECT_FALSE(search("trafficking").suggestion);
}

TEST_F(SearchTest, SortAndPagination) {
    SearchRequest request;
    request.sort = SortOrder::kYearAscending;
    auto order = [&] {
        std::vector<std::string> out;
        for (const SearchHit& hit : search(request).hits) out.push_back(hit.id);
        return out;
    };
    EXPECT_EQ(order(), (Ids{"c_soderkoping", "a_midsa", "b_puebla", "d_workshop"}));
    request.sort = SortOrder::kYearDescending;
    EXPECT_EQ(order(), (Ids{"d_workshop", "b_puebla", "a_midsa", "c_soderkoping"}));
    request.sort = SortOrder::kTitle;  // MIDSA..., Söderköping..., The Puebla..., Workshop...
    EXPECT_EQ(order(), (Ids{"a_midsa", "c_soderkoping", "b_puebla", "d_workshop"}));
    request.sort = SortOrder::kYearAscending;
    request.offset = 1;
    request.limit = 2;
    const SearchResponse page = search(request);
    EXPECT_EQ(page.total, 4u);
    ASSERT_EQ(page.hits.size(), 2u);
    EXPECT_EQ(page.hits[0].id, "a_midsa");
    EXPECT_EQ(page.hits[0].rank, 2u);
    EXPECT_EQ(page.hits[1].rank, 3u);
}

TEST_F(SearchTest, DocumentViewOffsetsMatchTheText) {
    auto doc = searcher_->document("a_midsa", true);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->title, "MIDSA meeting in Gaborone");
    EXPECT_EQ(doc->bytes, fs::file_size(kCorpus / "a_midsa.txt"));
    ASSERT_TRUE(doc->text);
    std::size_t mentions = 0;
    for (const auto& [type, entities] : doc->entities) {
        for (const EntityMentions& e : entities) {
            for (const MentionView& m : e.mentions) {
                EXPECT_EQ(doc->text->substr(m.start, m.end - m.start), m.text);
                ++mentions;
            }
        }
    }
    EXPECT_EQ(mentions, 8u);
    const auto& states = doc->entities.at(EntityType::kState);
    ASSERT_EQ(states.size(), 2u);
    EXPECT_EQ(states[0].id, "BW");  // 2 mentions each: id order
    EXPECT_EQ(states[1].id, "ZA");
    EXPECT_EQ(states[1].mentions[1].text, "RSA");
    EXPECT_EQ(searcher_->document("a_midsa", false)->text, std::nullopt);
}

TEST_F(SearchTest, UnknownIdsAreNotFound) {
    EXPECT_EQ(searcher_->document("nope", false).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(searcher_->document("../a_midsa", false).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(searcher_->document("", false).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(searcher_->entity(EntityType::kState, "Atlantis").status().code(),
              ErrorCode::kNotFound);
}

TEST_F(SearchTest, MentionRowsCountEqualsMentionCounts) {
    std::vector<MentionRow> rows;
    std::size_t total = 0;
    MentionsRequest request;
    request.limit = std::nullopt;
    ASSERT_TRUE(searcher_->mentions(request, [&](const MentionRow& r) { rows.push_back(r); return true; },
                                    &total));
    EXPECT_EQ(total, 28u);
    EXPECT_EQ(rows.size(), 28u);
    auto stats = searcher_->stats();
    ASSERT_TRUE(stats);
    std::size_t sum = 0;
    for (const auto& [type, n] : stats->mentions) sum += n;
    EXPECT_EQ(sum, 28u);
    EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end(), [](const MentionRow& a, const MentionRow& b) {
        return a.doc != b.doc ? a.doc < b.doc : a.start < b.start;
    }));
}

TEST_F(SearchTest, MentionRowsForAStateWithContext) {
    std::vector<MentionRow> rows;
    std::size_t total = 0;
    MentionsRequest request;
    request.filters = {{FacetType::kState, {"Botswana"}}};
    request.window = 10;
    request.offset = 1;
    request.limit = 5;
    ASSERT_TRUE(searcher_->mentions(request, [&](const MentionRow& r) { rows.push_back(r); return true; },
                                    &total));
    EXPECT_EQ(total, 3u);  // a_midsa x2, d_workshop x1; all of type state
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].doc, "a_midsa");
    EXPECT_EQ(rows[0].text, "Botswana");
    EXPECT_EQ(rows[0].label, "Botswana");
    EXPECT_EQ(rows[0].left, "frica and ");  // 10 code points before
    EXPECT_EQ(rows[0].right, " discussed");
    EXPECT_EQ(rows[1].doc, "d_workshop");
}

TEST_F(SearchTest, ContextCountsCodePointsAndCollapsesWhitespace) {
    const std::string text = "Söderköping \n\n  Process";
    EXPECT_EQ(left_context(text, text.size() - 7, 4), "ing ");
    EXPECT_EQ(right_context(text, 0, 5), "Söder");
    EXPECT_EQ(right_context(text, 13, 3), " Pr");
}

TEST_F(SearchTest, CsvQuotesFieldsWithCommasAndQuotes) {
    MentionRow row;
    row.doc = "d_workshop";
    row.type = EntityType::kState;
    row.entity = "KR";
    row.label = "Korea, Republic of";
    row.start = 10;
    row.end = 15;
    row.text = "Korea";
    row.left = "on \"labour";
    row.right = "x\ny";
    row.title = "Labour, \"mobility\"";
    row.kind = "report";
    row.published = 2006;
    row.char_start = 9;
    row.char_end = 14;
    EXPECT_EQ(mentions_csv_header(false),
              "doc,type,entity,label,form,start,end,text,left,right,title,published,kind,"
              "char_start,char_end\r\n");
    EXPECT_EQ(mentions_csv_row(row, false),
              "d_workshop,state,KR,\"Korea, Republic of\",name,10,15,Korea,\"on \"\"labour\",\"x\ny\","
              "\"Labour, \"\"mobility\"\"\",2006,report,9,14\r\n");
    row.page = 3;
    EXPECT_TRUE(mentions_csv_row(row, true).ends_with(",3\r\n"));
}

TEST_F(SearchTest, EntityViewCountsDocumentsMentionsAndYears) {
    auto bw = searcher_->entity(EntityType::kState, "bw");
    ASSERT_TRUE(bw) << bw.status().message();
    EXPECT_EQ(bw->id, "BW");
    EXPECT_EQ(bw->documents, 2u);
    EXPECT_EQ(bw->mentions, 3u);
    ASSERT_EQ(bw->by_year.size(), 2u);
    EXPECT_EQ(bw->by_year[0].year, 2006);
    EXPECT_EQ(bw->by_year[0].mentions, 2u);
    EXPECT_EQ(bw->by_year[1].year, 2019);
    EXPECT_NE(std::find(bw->mechanisms.begin(), bw->mechanisms.end(), "midsa"), bw->mechanisms.end());
    auto rcm = searcher_->entity(EntityType::kMechanism, "puebla");
    ASSERT_TRUE(rcm);
    EXPECT_EQ(rcm->id, "rcm");
    EXPECT_EQ(rcm->documents, 1u);
    EXPECT_EQ(rcm->mentions, 2u);
}

TEST_F(SearchTest, StatsAndJsonShapes) {
    auto stats = searcher_->stats();
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->documents, 4u);
    EXPECT_EQ(stats->mentions.at(EntityType::kState), 15u);
    EXPECT_EQ(stats->mentions.at(EntityType::kMechanism), 6u);
    EXPECT_EQ(stats->mentions.at(EntityType::kOrganisation), 1u);
    EXPECT_EQ(stats->mentions.at(EntityType::kYear), 6u);
    EXPECT_GT(stats->index_bytes, 0u);
    EXPECT_EQ(stats->generation, 1u);
    EXPECT_FALSE(stats->has_pages);
    const nlohmann::json j = to_json(search("", {{FacetType::kState, {"BW"}}}));
    EXPECT_EQ(j["query"]["filters"], nlohmann::json::parse(R"({"state": ["BW"]})"));
    EXPECT_EQ(j["total"], 2);
    EXPECT_EQ(j["hits"][0]["entities"].size(), 4u);
    EXPECT_EQ(j["facet_filters"]["mechanism"], nlohmann::json::parse(R"(["state"])"));
    EXPECT_FALSE(j.contains("suggestion"));
}

TEST(SearcherOpen, MissingOrForeignIndexIsAnIndexError) {
    const Settings settings = default_settings(default_config_dir());
    auto gazetteer = std::make_shared<const Gazetteer>();
    auto missing = Searcher::open("/nonexistent/consulta", gazetteer, settings);
    EXPECT_EQ(missing.status().code(), ErrorCode::kIndex);
    EXPECT_EQ(missing.status().message(), "no index at /nonexistent/consulta");
    const fs::path foreign = fs::temp_directory_path() / ("consulta_foreign_" + std::to_string(::getpid()));
    { Xapian::WritableDatabase db(foreign.string(), Xapian::DB_CREATE_OR_OPEN); db.commit(); }
    auto opened = Searcher::open(foreign, gazetteer, settings);
    EXPECT_EQ(opened.status().code(), ErrorCode::kIndex);
    EXPECT_EQ(opened.status().message(), foreign.string() + " is not a Consulta index");
    fs::remove_all(foreign);
}

TEST(SearcherReopen, ANewCommitIsSeenByAnOpenSearcher) {
    const fs::path dir = fs::temp_directory_path() / ("consulta_reopen_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "corpus");
    fs::copy(kCorpus, dir / "corpus");
    const Settings settings = default_settings(default_config_dir());
    ASSERT_TRUE(index_corpus({dir / "corpus", dir / "index", settings, {}}));
    auto gazetteer = Gazetteer::load(settings.gazetteers);
    ASSERT_TRUE(gazetteer);
    auto searcher = Searcher::open(dir / "index", std::make_shared<const Gazetteer>(std::move(*gazetteer)),
                                   settings);
    ASSERT_TRUE(searcher);
    SearchRequest request;
    request.q = "trafficking";
    EXPECT_EQ(searcher->search(request)->total, 2u);
    EXPECT_EQ(searcher->generation(), 1u);
    std::ofstream(dir / "corpus" / "e_new.txt") << "Human trafficking in Botswana.\n";
    ASSERT_TRUE(index_corpus({dir / "corpus", dir / "index", settings, {}}));
    auto after = searcher->search(request);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->total, 3u);
    EXPECT_EQ(after->generation, 2u);
    fs::remove_all(dir);
}

TEST(QueryText, NormalisationKeepsOperatorsAndPrefixValues) {
    Tokenizer tokenizer;
    EXPECT_EQ(normalise_query_text("Söderköping AND state:\"South Africa\" NOT Morocco's", tokenizer),
              "soderkoping AND state:\"South Africa\" NOT morocco");
    EXPECT_EQ(normalise_query_text("title:MIGRATION (A OR b)", tokenizer), "title:migration (a OR b)");
}

}  // namespace
}  // namespace consulta

namespace consulta {
namespace {

TEST_F(SearchTest, SearchersOnManyThreadsShareNoQueryObject) {
    // A blank q and a filter-only search both make a match-everything query; four searchers on
    // four threads must not share one (Xapian::Query::MatchAll's count is not atomic).
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            auto searcher = Searcher::open(*dir_ / "index", *gazetteer_, *settings_);
            if (!searcher) return void(++wrong);
            SearchRequest request;
            request.limit = 0;
            for (int i = 0; i < 300; ++i) {
                request.filters = i % 2 ? Filters{{FacetType::kState, {"ZA"}}} : Filters{};
                auto r = searcher->search(request);
                if (!r || r->total != (i % 2 ? 2u : 4u)) ++wrong;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace consulta

namespace consulta {
namespace {

TEST_F(SearchTest, FacetCountsEqualABruteForceCountOverEveryMatch) {
    // Counted by hand from each matching document's own entities, kind and year.
    for (const std::string q : {"", "migration", "trafficking OR dialogue"}) {
        SearchRequest request;
        request.q = q;
        request.limit = 100;
        const SearchResponse r = search(request);
        ASSERT_EQ(r.hits.size(), r.total) << q;
        std::map<FacetType, std::map<std::string, std::size_t>> want;
        for (const SearchHit& hit : r.hits) {
            for (const auto& [type, ids] : hit.entities) {
                const FacetType facet = static_cast<FacetType>(type);  // same order by design
                for (const std::string& id : ids) ++want[facet][id];
            }
            if (!hit.kind.empty()) ++want[FacetType::kKind][hit.kind];
            if (hit.published > 0) ++want[FacetType::kPublished][std::to_string(hit.published)];
        }
        for (FacetType type : kAllFacetTypes) {
            EXPECT_EQ(counts(r.facets.at(type)), want[type]) << q << " " << facet_type_name(type);
        }
    }
}

}  // namespace
}  // namespace consulta
