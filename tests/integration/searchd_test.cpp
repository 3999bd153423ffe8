// Starts the real consulta-searchd binary on port 0 over an index of the real corpus and checks
// its answers over HTTP with exact oracles: counts derived from the golden reading of the
// corpus (tests/data/golden/corpus_entities.json) and the catalogue, and cross-checks between
// routes (facet counts against filtered searches, exports against document mention counts).
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/config/settings.h"
#include "indexer/corpus_indexer.h"
#include "tests/support/searchd_daemon.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using test_support::build_index;
using test_support::connect_to;
using test_support::Daemon;
using test_support::read_file;
using test_support::send_and_read;
using test_support::TempDir;
using nlohmann::json;
using namespace std::chrono_literals;

const fs::path kSource = test_support::kSourceDir;
const fs::path kBinary = test_support::kSearchdBinary;
const fs::path kGolden = fs::path(CONSULTA_TEST_DATA_DIR) / "golden" / "corpus_entities.json";

const std::string kDoc000 = "000_54d7d1b2e732a973";  // report, 2019, MIDSA summary
const std::string kDoc001 = "001_31cc94c171c1916a";  // report, 2019, GFMD summary
const std::string kDoc002 = "002_12bfe50c3bd95f5d";  // case study, 2020, MIEUX COMESA
const std::string kDoc003 = "003_10243c426b9e65ce";  // presentation, 2005
const std::string kDoc004 = "004_802a8142425b9b91";  // workshop record, 2006, Mauritius


// The golden reading: document ids per state, mechanism and year.
struct Golden {
    std::map<std::string, std::set<std::string>> docs_by_state, docs_by_mechanism, docs_by_year,
        docs_by_organisation, states_by_doc;
};

Golden load_golden() {
    Golden golden;
    const json data = json::parse(read_file(kGolden));
    for (const auto& [doc, entry] : data.items()) {
        for (const auto& s : entry["state"]) {
            golden.docs_by_state[s.get<std::string>()].insert(doc);
            golden.states_by_doc[doc].insert(s.get<std::string>());
        }
        for (const auto& m : entry["mechanism"]) golden.docs_by_mechanism[m].insert(doc);
        for (const auto& o : entry["organisation"]) golden.docs_by_organisation[o].insert(doc);
        for (const auto& y : entry["year"])
            golden.docs_by_year[std::to_string(y.get<int>())].insert(doc);
    }
    return golden;
}

// A minimal RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field)), field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(std::move(field)), field.clear();
            records.push_back(std::move(record)), record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    EXPECT_TRUE(field.empty() && record.empty()) << "the CSV does not end with CRLF";
    return records;
}

class SearchdTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        build_index(dir_->path() / "corpus", dir_->path() / "index");
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    void SetUp() override {
        ASSERT_TRUE(fs::exists(kBinary)) << kBinary;
        daemon_ = std::make_unique<Daemon>(dir_->path() / "index", dir_->path() / "searchd.log");
        ASSERT_NE(daemon_->port(), 0);
        client_ = std::make_unique<httplib::Client>("127.0.0.1", daemon_->port());
        client_->set_read_timeout(30, 0);
    }

    void TearDown() override {
        client_.reset();
        EXPECT_EQ(daemon_->stop(), 0) << read_file(dir_->path() / "searchd.log");
    }

    // GET, asserting the status; the body parsed as JSON.
    json get(const std::string& path, int status = 200) {
        auto res = client_->Get(path.c_str());
        if (!res) {
            ADD_FAILURE() << path << ": " << httplib::to_string(res.error());
            return {};
        }
        EXPECT_EQ(res->status, status) << path << "\n" << res->body;
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
        EXPECT_FALSE(res->has_header("EXCEPTION_WHAT"));
        return json::parse(res->body, nullptr, false);
    }

    std::size_t total(const std::string& query) {
        const json answer = get("/v1/search?limit=0&" + query);
        return answer.value("total", std::size_t{999999});
    }

    // The ids of every document a search finds (the corpus has five).
    std::set<std::string> ids(const std::string& query) {
        const json answer = get("/v1/search?limit=100&facets=&" + query);
        std::set<std::string> found;
        for (const auto& hit : answer["hits"]) found.insert(hit["id"].get<std::string>());
        EXPECT_EQ(found.size(), answer["total"]) << query;
        return found;
    }

    // Asserts the error shape and returns the error object.
    json expect_error(const std::string& path, int status, const std::string& code,
                      const std::string& parameter = "") {
        const json answer = get(path, status);
        const json& error = answer["error"];
        EXPECT_EQ(error["status"], status) << path;
        EXPECT_EQ(error["code"], code) << path << "\n" << answer.dump();
        EXPECT_TRUE(error["message"].is_string()) << path;
        if (!parameter.empty()) {
            EXPECT_EQ(error.value("parameter", ""), parameter) << path;
        }
        return error;
    }

    static TempDir* dir_;
    std::unique_ptr<Daemon> daemon_;
    std::unique_ptr<httplib::Client> client_;
};

TempDir* SearchdTest::dir_ = nullptr;

TEST_F(SearchdTest, FreeTextQueryRanksTheDocumentThatSaysItMost) {
    // "Mauritius": 14 times in 004, once in 003, nowhere else.
    const json answer = get("/v1/search?q=mauritius");
    EXPECT_EQ(answer["total"], 2);
    ASSERT_EQ(answer["hits"].size(), 2u);
    EXPECT_EQ(answer["hits"][0]["id"], kDoc004);
    EXPECT_EQ(answer["hits"][1]["id"], "003_10243c426b9e65ce");
    EXPECT_EQ(answer["hits"][0]["rank"], 1);
    EXPECT_EQ(answer["query"]["q"], "mauritius");
    EXPECT_EQ(answer["generation"], get("/v1/stats")["generation"]);
}

TEST_F(SearchdTest, EmptyQueryMatchesEveryDocument) {
    EXPECT_EQ(total(""), 5u);
    EXPECT_EQ(get("/v1/search?limit=0")["hits"].size(), 0u);
}

// Each filter finds exactly the documents that the golden reading (corpus_entities.json, read by
// hand) or the catalogue says, by id: never compared with another way through the same resolver.
TEST_F(SearchdTest, EachFilterMatchesTheGoldenReading) {
    const Golden golden = load_golden();
    EXPECT_EQ(ids("state=BW"), golden.docs_by_state.at("BW"));
    EXPECT_EQ(ids("state=SZ"), golden.docs_by_state.at("SZ"));
    EXPECT_EQ(ids("state=CD"), golden.docs_by_state.at("CD"));
    EXPECT_EQ(ids("mechanism=midsa"), golden.docs_by_mechanism.at("midsa"));
    EXPECT_EQ(ids("mechanism=gcm"), golden.docs_by_mechanism.at("gcm"));
    EXPECT_EQ(ids("year=2006"), golden.docs_by_year.at("2006"));
    EXPECT_EQ(ids("organisation=iom"), golden.docs_by_organisation.at("iom"));
    EXPECT_EQ(ids("organisation=comesa"), golden.docs_by_organisation.at("comesa"));
    EXPECT_EQ(ids("kind=report"), (std::set<std::string>{kDoc000, kDoc001}));
    EXPECT_EQ(ids("kind=presentation"), (std::set<std::string>{kDoc003}));
    EXPECT_EQ(ids("published=2019"), (std::set<std::string>{kDoc000, kDoc001}));
    EXPECT_EQ(ids("published=2005..2006"), (std::set<std::string>{kDoc003, kDoc004}));
}

// A name or alias resolves to the state the golden reading gives for it.
TEST_F(SearchdTest, StateFilterByNameOrAliasFindsTheGoldenDocuments) {
    const Golden golden = load_golden();
    EXPECT_EQ(ids("state=Botswana"), golden.docs_by_state.at("BW"));
    EXPECT_EQ(ids("state=Swaziland"), golden.docs_by_state.at("SZ"));
    EXPECT_EQ(ids("state=Eswatini"), golden.docs_by_state.at("SZ"));
    EXPECT_EQ(ids("state=" + httplib::detail::encode_query_param("South Africa")),
              golden.docs_by_state.at("ZA"));
    EXPECT_EQ(ids("state=" + httplib::detail::encode_query_param("Democratic Republic of the Congo")),
              golden.docs_by_state.at("CD"));
}

TEST_F(SearchdTest, RepeatedAndCommaFiltersAreOrdAndFacetsAreAnded) {
    const Golden golden = load_golden();
    std::set<std::string> either = golden.docs_by_state.at("BW");
    either.insert(golden.docs_by_state.at("HU").begin(), golden.docs_by_state.at("HU").end());
    EXPECT_EQ(ids("state=BW&state=HU"), either);
    EXPECT_EQ(ids("state=BW,HU"), either);
    EXPECT_EQ(ids("state=BW&kind=report"), std::set<std::string>{kDoc000});
    EXPECT_EQ(ids("state=BW&published=2005..2006"), (std::set<std::string>{kDoc003, kDoc004}));
    EXPECT_EQ(total("q=trafficking&state=BW"), 3u);  // the example of DESIGN.md
}

TEST_F(SearchdTest, FacetCountsAreMultiSelect) {
    const json answer = get("/v1/search?state=BW&facets=state,kind&facet_limit=0&limit=0");
    ASSERT_TRUE(answer["facets"].contains("state"));
    ASSERT_TRUE(answer["facets"].contains("kind"));
    EXPECT_FALSE(answer["facets"].contains("mechanism"));
    // The state facet ignores its own filter: each count is what selecting that state alone gives.
    for (const auto& value : answer["facets"]["state"]) {
        EXPECT_EQ(value["count"].get<std::size_t>(),
                  total("state=" + value["value"].get<std::string>()))
            << value.dump();
    }
    // Other facets are counted under the state filter.
    std::size_t kinds = 0;
    for (const auto& value : answer["facets"]["kind"]) {
        const std::string kind = httplib::detail::encode_query_param(value["value"]);
        EXPECT_EQ(value["count"].get<std::size_t>(), total("state=BW&kind=" + kind))
            << value.dump();
        kinds += value["count"].get<std::size_t>();
    }
    EXPECT_EQ(kinds, answer["total"].get<std::size_t>());
    EXPECT_EQ(answer["facet_filters"]["state"], json::array());
    EXPECT_EQ(answer["facet_filters"]["kind"], json::array({"state"}));
}

TEST_F(SearchdTest, FacetValueSearchByPrefix) {
    const Golden golden = load_golden();
    const json answer = get("/v1/facets/state?prefix=bo");
    EXPECT_EQ(answer["type"], "state");
    std::map<std::string, std::size_t> counts;
    for (const auto& value : answer["values"]) counts[value["value"]] = value["count"];
    EXPECT_EQ(counts["BW"], golden.docs_by_state.at("BW").size());  // Botswana
    EXPECT_EQ(counts["BA"], golden.docs_by_state.at("BA").size());  // Bosnia and Herzegovina
    EXPECT_EQ(counts["BO"], golden.docs_by_state.at("BO").size());  // Bolivia
    EXPECT_EQ(answer["values"][0]["value"], "BW");                  // by count, descending
    EXPECT_EQ(answer["total_values"], answer["values"].size());
    for (const auto& value : answer["values"]) EXPECT_NE(value["value"], "ZA");
    expect_error("/v1/facets/planet", 404, "not_found");
}

TEST_F(SearchdTest, SnippetHighlightsAreTheQueryWord) {
    // resolve=0: the word only; with names resolved, every mention of MU is highlighted too.
    const json answer = get("/v1/search?q=mauritius&limit=1&resolve=0");
    ASSERT_EQ(answer["hits"].size(), 1u);
    std::size_t highlights = 0;
    for (const auto& snippet : answer["hits"][0]["snippets"]) {
        const std::string text = snippet["text"];
        for (const auto& h : snippet["highlights"]) {
            const std::size_t start = h[0], end = h[1];
            ASSERT_LE(end, text.size());
            std::string word = text.substr(start, end - start);
            for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            EXPECT_EQ(word, "mauritius");
            ++highlights;
        }
    }
    EXPECT_GT(highlights, 0u);
}

TEST_F(SearchdTest, SnippetHighlightsANameLikeItsWords) {
    const json answer = get("/v1/search?q=mauritius&limit=1");
    ASSERT_EQ(answer["hits"].size(), 1u);
    std::set<std::string> words;
    for (const auto& snippet : answer["hits"][0]["snippets"]) {
        const std::string text = snippet["text"];
        for (const auto& h : snippet["highlights"]) {
            const std::size_t start = h[0], end = h[1];
            ASSERT_LE(end, text.size());
            words.insert(text.substr(start, end - start));
        }
    }
    // The mentions of MU as the document writes them, and nothing else.
    EXPECT_EQ(words, (std::set<std::string>{"Mauritian", "Mauritius", "Republic of Mauritius"}));
}

TEST_F(SearchdTest, DocumentMentionsPointAtTheirText) {
    const Golden golden = load_golden();
    const json doc = get("/v1/documents/" + kDoc000 + "?text=1");
    EXPECT_EQ(doc["id"], kDoc000);
    EXPECT_EQ(doc["kind"], "report");
    EXPECT_EQ(doc["published"], 2019);
    const std::string text = doc["text"];
    EXPECT_EQ(text, read_file(kSource / "corpus" / (kDoc000 + ".txt")));
    std::set<std::string> states;
    for (const auto& entity : doc["entities"]["state"]) {
        states.insert(entity["id"].get<std::string>());
        EXPECT_EQ(entity["count"], entity["mentions"].size());
        for (const auto& m : entity["mentions"]) {
            const std::size_t start = m["start"], end = m["end"];
            EXPECT_EQ(text.substr(start, end - start), m["text"]);
        }
    }
    EXPECT_EQ(states, golden.states_by_doc.at(kDoc000));
    EXPECT_FALSE(get("/v1/documents/" + kDoc000).contains("text"));
}

TEST_F(SearchdTest, DocumentIdsAreNeverPaths) {
    expect_error("/v1/documents/no_such_document", 404, "not_found");
    expect_error("/v1/documents/..", 404, "not_found");
    expect_error("/v1/documents/..%2F..%2Fetc%2Fpasswd", 404, "not_found");
    expect_error("/v1/documents/%2e%2e", 404, "not_found");
    expect_error("/v1/documents/" + kDoc000 + "%00.txt", 404, "not_found");
    expect_error("/v1/documents/" + kDoc000 + "/x", 404, "not_found");
}

TEST_F(SearchdTest, MentionsJsonCsvAndJsonlAgreeWithTheDocument) {
    const json doc = get("/v1/documents/" + kDoc004);
    std::size_t state_mentions = 0;
    for (const auto& entity : doc["entities"]["state"])
        state_mentions += entity["count"].get<std::size_t>();
    ASSERT_GT(state_mentions, 0u);
    const std::string query = "/v1/mentions?doc=" + kDoc004 + "&type=state";

    const json page = get(query + "&limit=1000");
    EXPECT_EQ(page["total"], state_mentions);
    EXPECT_EQ(page["rows"].size(), state_mentions);
    EXPECT_EQ(get(query + "&limit=2&offset=1")["rows"].size(), 2u);
    const std::set<std::string> fields = {
        "doc",  "type",  "entity", "label", "form",      "start",     "end",  "text",
        "left", "right", "title",  "kind",  "published", "char_start", "char_end"};
    for (const auto& row : page["rows"]) {
        std::set<std::string> keys;
        for (const auto& [key, value] : row.items()) keys.insert(key);
        EXPECT_EQ(keys, fields);
        EXPECT_EQ(row["doc"], kDoc004);
        EXPECT_EQ(row["type"], "state");
    }

    auto csv = client_->Get((query + "&format=csv").c_str());
    ASSERT_TRUE(csv);
    EXPECT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment; filename="),
              std::string::npos);
    EXPECT_EQ(csv->get_header_value("Transfer-Encoding"), "chunked");
    const auto records = parse_csv(csv->body);
    ASSERT_EQ(records.size(), state_mentions + 1);
    EXPECT_EQ(records[0],
              (std::vector<std::string>{"doc", "type", "entity", "label", "form", "start", "end",
                                        "text", "left", "right", "title", "published", "kind",
                                        "char_start", "char_end"}));
    for (std::size_t i = 1; i < records.size(); ++i) {
        ASSERT_EQ(records[i].size(), 15u);
        EXPECT_EQ(records[i][0], kDoc004);
        EXPECT_EQ(records[i][7], page["rows"][i - 1]["text"]);
    }

    auto jsonl = client_->Get((query + "&format=jsonl").c_str());
    ASSERT_TRUE(jsonl);
    EXPECT_EQ(jsonl->get_header_value("Content-Type"), "application/x-ndjson");
    std::istringstream lines(jsonl->body);
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        EXPECT_EQ(json::parse(line), page["rows"][count]);
    }
    EXPECT_EQ(count, state_mentions);
}

TEST_F(SearchdTest, EntitiesAnswerWithTheirDocuments) {
    const Golden golden = load_golden();
    const json midsa = get("/v1/entities/mechanism/midsa");
    EXPECT_EQ(midsa["id"], "midsa");
    EXPECT_EQ(midsa["name"], "Migration Dialogue for Southern Africa");
    EXPECT_EQ(midsa["documents"], golden.docs_by_mechanism.at("midsa").size());
    const json bw = get("/v1/entities/state/BW");
    EXPECT_EQ(bw["name"], "Botswana");
    EXPECT_EQ(bw["documents"], golden.docs_by_state.at("BW").size());
    EXPECT_TRUE(bw["mechanisms"].is_array());
    expect_error("/v1/entities/state/XX", 404, "not_found");
    expect_error("/v1/entities/planet/mars", 404, "not_found");
}

TEST_F(SearchdTest, StatsHealthMetricsAndOpenApi) {
    const json stats = get("/v1/stats");
    EXPECT_EQ(stats["documents"], 5);
    EXPECT_TRUE(stats["mentions"].contains("state"));
    const json health = get("/healthz");
    EXPECT_EQ(health["status"], "ok");
    EXPECT_EQ(health["generation"], stats["generation"]);
    get("/v1/search?q=mauritius");
    // A request is counted once its last byte is sent, just after the client has it: poll.
    const std::string counted =
        "consulta_http_requests_total{route=\"/v1/search\",status=\"200\"} 1";
    auto metrics = client_->Get("/metrics");
    for (int i = 0; i < 50 && metrics && metrics->body.find(counted) == std::string::npos; ++i) {
        std::this_thread::sleep_for(20ms);
        metrics = client_->Get("/metrics");
    }
    ASSERT_TRUE(metrics);
    EXPECT_EQ(metrics->status, 200);
    EXPECT_EQ(metrics->get_header_value("Content-Type"),
              "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_NE(metrics->body.find(counted), std::string::npos) << metrics->body;
    EXPECT_NE(metrics->body.find("consulta_index_documents 5"), std::string::npos);
    const json openapi = get("/openapi.json");
    EXPECT_EQ(openapi["openapi"].get<std::string>().substr(0, 2), "3.");
    EXPECT_TRUE(openapi["paths"].contains("/v1/search"));
}

TEST_F(SearchdTest, ServesThePage) {
    if (!fs::exists(kSource / "searchd" / "web" / "index.html"))
        GTEST_SKIP() << "no index.html yet";
    auto page = client_->Get("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(page->body, read_file(kSource / "searchd" / "web" / "index.html"));
    expect_error("/index.html%00.css", 404, "not_found");
    expect_error("/../CMakeLists.txt", 404, "not_found");
    expect_error("/no-such-file.js", 404, "not_found");
}

TEST_F(SearchdTest, BadParametersAreNamed) {
    expect_error("/v1/search?limit=abc", 400, "bad_parameter", "limit");
    expect_error("/v1/search?limit=101", 400, "bad_parameter", "limit");
    expect_error("/v1/search?limit=-1", 400, "bad_parameter", "limit");
    expect_error("/v1/search?offset=-1", 400, "bad_parameter", "offset");
    expect_error("/v1/search?offset=ten", 400, "bad_parameter", "offset");
    expect_error("/v1/search?sort=size", 400, "bad_parameter", "sort");
    expect_error("/v1/search?facets=foo", 400, "bad_parameter", "facets");
    expect_error("/v1/search?year=abc", 400, "bad_parameter", "year");
    expect_error("/v1/search?published=20x6", 400, "bad_parameter", "published");
    expect_error("/v1/mentions?format=xml", 400, "bad_parameter", "format");
    expect_error("/v1/mentions?window=-1", 400, "bad_parameter", "window");
    expect_error("/v1/mentions?type=planet", 400, "bad_parameter", "type");
    expect_error("/v1/documents/" + kDoc000 + "?text=maybe", 400, "bad_parameter", "text");
    expect_error("/v1/search?q=%ff%fe", 400, "bad_parameter", "q");
    expect_error("/v1/entities/year/-123", 404, "not_found");
    expect_error("/v1/mentions?state=Bo%c3", 400, "bad_parameter", "state");
    const json limit = expect_error("/v1/search?limit=abc", 400, "bad_parameter", "limit");
    EXPECT_EQ(limit["message"], "limit: expected an integer from 0 to 100, got 'abc'");
}

std::size_t golden_total_sz() { return load_golden().docs_by_state.at("SZ").size(); }

TEST_F(SearchdTest, ANameInQFindsWhatItsFilterFinds) {
    const Golden golden = load_golden();
    // "Eswatini" is written in one document, "Swaziland" in the other: the tagger knows both.
    EXPECT_EQ(ids("q=Eswatini"), golden.docs_by_state.at("SZ"));
    EXPECT_EQ(total("q=Eswatini"), total("state=SZ"));
    EXPECT_EQ(total("q=Swaziland"), total("state=SZ"));
    EXPECT_LT(total("q=Eswatini&resolve=0"), total("state=SZ"));
    const json answer = get("/v1/search?q=Eswatini&limit=0&debug=1");
    EXPECT_EQ(answer["resolved"], json::parse(R"([{"text": "Eswatini", "type": "state",
                                                   "id": "SZ", "label": "Eswatini"}])"));
    EXPECT_NE(answer["debug"]["parsed_query"].get<std::string>().find("XSSZ"), std::string::npos);
    EXPECT_EQ(get("/v1/search?q=Eswatini&resolve=0&limit=0")["resolved"], json::array());
    EXPECT_EQ(total("q=Bali+Process"), total("mechanism=bali_process"));
    const json korea = get("/v1/search?q=Korea&limit=0");
    EXPECT_EQ(korea["resolved"], json::array());
    ASSERT_EQ(korea["ambiguous"].size(), 1u);
    EXPECT_EQ(korea["ambiguous"][0]["candidates"][0]["id"], "KP");
    EXPECT_EQ(korea["ambiguous"][0]["candidates"][1]["id"], "KR");
}

TEST_F(SearchdTest, ANameInQSelectsTheSameDocumentsOnEveryRoute) {
    // The mentions, facet values and cross-tabs of q=Eswatini are those of its two documents.
    const std::set<std::string> docs = load_golden().docs_by_state.at("SZ");
    ASSERT_EQ(docs.size(), 2u);
    std::string doc_params;
    for (const std::string& doc : docs) doc_params += "&doc=" + doc;
    const std::size_t in_its_documents = get("/v1/mentions?limit=0" + doc_params)["total"];
    EXPECT_GT(in_its_documents, 100u);
    EXPECT_EQ(get("/v1/mentions?q=Eswatini&limit=0")["total"], in_its_documents);
    EXPECT_EQ(get("/v1/mentions?q=Eswatini&resolve=0&limit=0")["total"], 0u);
    const json by_filter = get("/v1/search?state=SZ&limit=0&facets=mechanism&facet_limit=0");
    EXPECT_EQ(get("/v1/facets/mechanism?q=Eswatini&limit=0")["values"],
              by_filter["facets"]["mechanism"]);
    EXPECT_EQ(get("/v1/facets/mechanism?q=Eswatini&resolve=0&limit=0")["values"], json::array());
    EXPECT_EQ(get("/v1/crosstab?q=Eswatini&rows=kind&cols=published")["documents"], 2);
    EXPECT_EQ(get("/v1/crosstab?q=Eswatini&rows=kind&cols=published&resolve=0")["documents"], 0);
}

TEST_F(SearchdTest, FilterValuesAreStrict) {
    const json unknown = expect_error("/v1/mentions?State=SZ", 400, "unknown_parameter", "State");
    EXPECT_EQ(unknown["nearest"], "state");
    EXPECT_EQ(expect_error("/v1/search?mechansim=midsa", 400, "unknown_parameter",
                           "mechansim")["nearest"],
              "mechanism");
    expect_error("/v1/facets/state?limt=3", 400, "unknown_parameter", "limt");
    expect_error("/v1/documents/" + kDoc000 + "?txt=1", 400, "unknown_parameter", "txt");
    expect_error("/v1/stats?x=1", 400, "unknown_parameter", "x");
    for (const std::string value : {"Korea", "Congo", "the+Congo", "Guinea"}) {
        const json error =
            expect_error("/v1/search?state=" + value, 400, "ambiguous_entity", "state");
        EXPECT_GE(error["candidates"].size(), 2u) << value;
    }
    expect_error("/v1/mentions?state=Korea", 400, "ambiguous_entity", "state");
    // Resolved values are echoed with their id and label.
    const json answer = get("/v1/search?state=Swaziland&limit=0");
    EXPECT_EQ(answer["total"], golden_total_sz());
    EXPECT_EQ(answer["query"]["resolved_filters"]["state"],
              json::parse(R"([{"value": "Swaziland", "id": "SZ", "label": "Eswatini"}])"));
}

TEST_F(SearchdTest, SearchExportStreamsEveryHitWithItsMentionCounts) {
    auto csv = client_->Get("/v1/search?q=migration&format=csv");
    ASSERT_TRUE(csv);
    EXPECT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    const auto records = parse_csv(csv->body);
    ASSERT_FALSE(records.empty());
    EXPECT_EQ(records[0], (std::vector<std::string>{"id", "title", "kind", "publisher", "published",
                                                    "score", "state", "mechanism", "organisation",
                                                    "year"}));
    EXPECT_EQ(records.size() - 1, total("q=migration"));
    auto jsonl = client_->Get("/v1/search?q=migration&format=jsonl");
    ASSERT_TRUE(jsonl);
    EXPECT_EQ(jsonl->get_header_value("Content-Type"), "application/x-ndjson");
    std::istringstream lines(jsonl->body);
    std::string line;
    std::size_t rows = 0;
    while (std::getline(lines, line)) {
        const json hit = json::parse(line);
        ++rows;
        // Each count equals the document's own list of mentions.
        const json document = get("/v1/documents/" + hit["id"].get<std::string>());
        for (const auto& entry : document["entities"]["state"]) {
            EXPECT_EQ(hit["mentions"]["state"][entry["id"].get<std::string>()],
                      entry["count"])
                << hit["id"] << " " << entry["id"];
        }
        EXPECT_EQ(hit["mentions"]["state"].size(), document["entities"]["state"].size());
    }
    EXPECT_EQ(rows, total("q=migration"));
    expect_error("/v1/search?format=xml", 400, "bad_parameter", "format");
    expect_error("/v1/search?q=migration+AND&format=csv", 400, "bad_query");
}

TEST_F(SearchdTest, QueryErrorsAndLimits) {
    expect_error("/v1/search?q=" + std::string(2049, 'a'), 413, "too_large", "q");
    EXPECT_EQ(get("/v1/search?q=" + std::string(2048, 'a'))["total"], 0);
    expect_error("/v1/search?q=mauritius%20AND", 400, "bad_query");
    // A parameter the route does not know is named, with the nearest one it does.
    const json unknown = expect_error("/v1/search?q=mauritius&unknown=1&limit=1", 400,
                                      "unknown_parameter", "unknown");
    EXPECT_EQ(unknown["nearest"], nullptr);
    EXPECT_EQ(get("/v1/search?limit=0&facets=")["facets"], json::object());
}

TEST_F(SearchdTest, UnknownRoutesAndMethods) {
    expect_error("/v2/search", 404, "not_found");
    expect_error("/v1/documents", 404, "not_found");
    auto post = client_->Post("/v1/search", "", "text/plain");
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 405);
    EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD, OPTIONS");
    EXPECT_EQ(json::parse(post->body)["error"]["code"], "method_not_allowed");
    auto with_body = client_->Post("/v1/search", std::string(100000, 'x'), "text/plain");
    ASSERT_TRUE(with_body);
    EXPECT_EQ(with_body->status, 405);
    auto del = client_->Delete("/v1/stats");
    ASSERT_TRUE(del);
    EXPECT_EQ(del->status, 405);
    auto head = client_->Head("/v1/stats");
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_TRUE(head->body.empty());
}

TEST_F(SearchdTest, CorsIsOffByDefault) {
    auto res = client_->Get("/v1/stats", {{"Origin", "https://example.org"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
    auto preflight = client_->Options("/v1/search", {{"Origin", "https://example.org"},
                                                     {"Access-Control-Request-Method", "GET"}});
    ASSERT_TRUE(preflight);
    EXPECT_EQ(preflight->status, 204);
    EXPECT_FALSE(preflight->has_header("Access-Control-Allow-Origin"));
    EXPECT_FALSE(preflight->has_header("Access-Control-Allow-Methods"));
}

TEST_F(SearchdTest, RangeHeadersCannotAmplifyAnswers) {
    const std::string normal = client_->Get("/v1/search?q=mauritius")->body;
    std::string ranges = "bytes=0-";
    for (int i = 0; i < 500; ++i) ranges += ",0-";
    auto res = client_->Get("/v1/search?q=mauritius", {{"Range", ranges}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_FALSE(res->has_header("Content-Range"));
    EXPECT_LE(res->body.size(), normal.size() + 100);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
}

TEST_F(SearchdTest, RequestBodiesAreRefusedAndTheConnectionClosed) {
    const int fd = connect_to(daemon_->port());
    // The body is itself a request: it must not be executed.
    const std::string smuggled = "GET /v1/stats HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string answer =
        send_and_read(fd, "GET /v1/search HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                              std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled);
    close(fd);
    EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
    EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << answer;
    EXPECT_NE(answer.find("\"too_large\""), std::string::npos);
}

TEST(SearchdOverload, ShedsConnectionsOverTheQueueBoundWith503) {
    TempDir dir;
    build_index(dir.path() / "corpus", dir.path() / "index");
    Daemon daemon(dir.path() / "index", dir.path() / "searchd.log",
                  {"--threads", "1", "--max-queue", "1", "--test-fault", "hold:/v1/stats"});
    // A held request occupies the only worker; a second waits in the queue; the third is over
    // the bound and must be answered at once rather than after the first two. (Idle and
    // half-sent connections hold no worker: the hub waits on them, see the reliability tests.)
    // The pauses let the worker take the first connection before the next arrives; generous,
    // because a loaded CI machine can be slow to schedule it.
    const std::string held = "GET /v1/stats HTTP/1.1\r\nHost: x\r\n\r\n";
    const int busy = connect_to(daemon.port());
    ASSERT_EQ(send(busy, held.data(), held.size(), 0), static_cast<ssize_t>(held.size()));
    std::this_thread::sleep_for(400ms);
    const int queued = connect_to(daemon.port());
    ASSERT_EQ(send(queued, held.data(), held.size(), 0), static_cast<ssize_t>(held.size()));
    std::this_thread::sleep_for(400ms);
    const int shed = connect_to(daemon.port());
    const auto start = std::chrono::steady_clock::now();
    const std::string answer = send_and_read(shed, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(answer.rfind("HTTP/1.1 503", 0), 0u) << answer;
    EXPECT_NE(answer.find("\"overloaded\""), std::string::npos);
    EXPECT_NE(answer.find("Retry-After: 1"), std::string::npos);
    // Not a timing test: a shed answer must not wait for the held requests, which is what a
    // queued connection would do (they are released only when the daemon stops).
    EXPECT_LT(waited, 1900ms);
    close(busy);
    close(queued);
    close(shed);
    EXPECT_EQ(daemon.stop(), 0);
}

TEST(SearchdStartup, MissingIndexExitsWith3AndNamesTheFolder) {
    TempDir dir;
    const fs::path missing = dir.path() / "no-index";
    const std::string command = kBinary.string() + " --index " + missing.string() +
                                " --listen 127.0.0.1:0 2>" + (dir.path() / "err").string();
    const int status = std::system(command.c_str());
    EXPECT_EQ(WEXITSTATUS(status), 3);
    const std::string message = read_file(dir.path() / "err");
    EXPECT_NE(message.find(missing.string()), std::string::npos) << message;
    EXPECT_NE(message.find("consulta-indexer"), std::string::npos) << message;
}

TEST(SearchdStartup, UsageErrorsExitWith2) {
    EXPECT_EQ(WEXITSTATUS(std::system((kBinary.string() + " 2>/dev/null").c_str())), 2);
    EXPECT_EQ(WEXITSTATUS(std::system(
                  (kBinary.string() + " --index x --listen nowhere 2>/dev/null").c_str())),
              2);
    EXPECT_EQ(
        WEXITSTATUS(std::system((kBinary.string() + " --index x --threads 0 2>/dev/null").c_str())),
        2);
    EXPECT_EQ(WEXITSTATUS(std::system((kBinary.string() + " --help >/dev/null").c_str())), 0);
}

TEST(SearchdReindex, NewCommitIsServedWithoutRestartOrFailedRequest) {
    TempDir dir;
    const fs::path corpus = dir.path() / "corpus", index = dir.path() / "index";
    build_index(corpus, index);
    Daemon daemon(index, dir.path() / "searchd.log");
    std::atomic<bool> done{false};
    std::atomic<int> ok{0}, failed{0};
    std::thread reader([&] {
        httplib::Client client("127.0.0.1", daemon.port());
        while (!done) {
            auto res = client.Get("/v1/search?q=migration&facets=state,year");
            (res && res->status == 200 ? ok : failed)++;
        }
    });
    std::this_thread::sleep_for(200ms);
    std::ofstream(corpus / "005_quokkaology.txt")
        << "A note on quokkaology and migration dialogues between Botswana and Namibia.\n";
    auto summary = index_corpus({corpus, index, test_support::project_settings(), {}});
    ASSERT_TRUE(summary.is_ok()) << summary.status().message();
    EXPECT_EQ(summary->added, 1u);

    httplib::Client client("127.0.0.1", daemon.port());
    std::size_t found = 0;
    for (int i = 0; i < 50 && found == 0; ++i) {
        auto res = client.Get("/v1/search?q=quokkaology");
        if (res && res->status == 200) found = json::parse(res->body)["total"];
        if (found == 0) std::this_thread::sleep_for(100ms);
    }
    std::this_thread::sleep_for(200ms);
    done = true;
    reader.join();
    EXPECT_EQ(found, 1u);
    EXPECT_EQ(json::parse(client.Get("/v1/stats")->body)["documents"], 6);
    EXPECT_GT(ok.load(), 0);
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(daemon.stop(), 0);
}

}  // namespace
}  // namespace consulta
