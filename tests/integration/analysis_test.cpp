// Cross-tabs, member_of, co-occurrence facets, the concordance and the analysis columns of the
// exports, against the real daemon on the real corpus. Every expected figure is computed here
// from other answers (the full mention export, the documents' text) or from the config files,
// never through the route under test.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/searchd_daemon.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test_support::build_index;
using test_support::Daemon;
using test_support::read_file;
using test_support::TempDir;

// Per document: the ids of each facet, and the mention count of each entity.
struct Reading {
    std::map<std::string, std::map<std::string, std::set<std::string>>> values;  // doc, facet
    std::map<std::string, std::map<std::string, std::map<std::string, std::size_t>>> mentions;
};

std::u32string decode_utf8(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = s[i];
        const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}

std::string encode_utf8(const std::u32string& s) {
    std::string out;
    for (char32_t cp : s) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

// The member ids of a mechanism, read from config/mechanisms.tsv by column name.
std::set<std::string> members_in_config(const std::string& mechanism) {
    std::ifstream in(test_support::kSourceDir / "config" / "mechanisms.tsv");
    std::string line;
    std::vector<std::string> header;
    auto split = [](const std::string& l) {
        std::vector<std::string> cells;
        std::stringstream ss(l);
        for (std::string cell; std::getline(ss, cell, '\t');) cells.push_back(cell);
        return cells;
    };
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (header.empty()) {
            header = split(line);
            continue;
        }
        auto cells = split(line);
        if (cells.empty() || cells[0] != mechanism) continue;
        const auto col = std::find(header.begin(), header.end(), "members") - header.begin();
        std::set<std::string> ids;
        std::stringstream ss(cells.at(col));
        for (std::string id; ss >> id;) ids.insert(id);
        return ids;
    }
    return {};
}

class AnalysisTest : public ::testing::Test {
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
        daemon_ = std::make_unique<Daemon>(dir_->path() / "index", dir_->path() / "searchd.log");
        ASSERT_NE(daemon_->port(), 0);
        client_ = std::make_unique<httplib::Client>("127.0.0.1", daemon_->port());
        client_->set_read_timeout(30, 0);
    }
    void TearDown() override {
        client_.reset();
        EXPECT_EQ(daemon_->stop(), 0) << read_file(dir_->path() / "searchd.log");
    }

    std::string body(const std::string& path, int status = 200) {
        auto res = client_->Get(path.c_str());
        if (!res) {
            ADD_FAILURE() << path << ": " << httplib::to_string(res.error());
            return {};
        }
        EXPECT_EQ(res->status, status) << path << "\n" << res->body;
        return res->body;
    }
    json get(const std::string& path, int status = 200) { return json::parse(body(path, status)); }
    std::vector<json> jsonl(const std::string& path) {
        std::vector<json> rows;
        std::stringstream in(body(path));
        for (std::string line; std::getline(in, line);) rows.push_back(json::parse(line));
        return rows;
    }

    // The full mention export (every row) read into per-document facets and counts.
    Reading reading(const std::string& filter = "") {
        Reading r;
        for (const json& row : jsonl("/v1/mentions?format=jsonl" + filter)) {
            const std::string doc = row["doc"], type = row["type"], id = row["entity"];
            r.values[doc][type].insert(id);
            r.values[doc]["kind"] = {row["kind"].get<std::string>()};
            if (!row["published"].is_null()) {
                r.values[doc]["published"] = {std::to_string(row["published"].get<int>())};
            }
            ++r.mentions[doc][type][id];
        }
        return r;
    }

    // Every cell and total of one cross-tab against the reading.
    void expect_crosstab(const Reading& r, const std::string& rows, const std::string& cols,
                         const std::string& measure, const std::set<std::string>& keep_states,
                         const std::string& extra = "") {
        const json t = get("/v1/crosstab?rows=" + rows + "&cols=" + cols + "&measure=" + measure +
                           extra);
        const bool entity_rows = rows != "kind" && rows != "published";
        const std::string counted = entity_rows ? rows : cols;
        auto ids = [&](const std::string& doc, const std::string& facet) {
            std::set<std::string> out;
            auto d = r.values.find(doc);
            if (d == r.values.end() || !d->second.count(facet)) return out;
            for (const auto& id : d->second.at(facet)) {
                if (facet == "state" && !keep_states.empty() && !keep_states.count(id)) continue;
                out.insert(id);
            }
            return out;
        };
        std::map<std::pair<std::string, std::string>, std::size_t> cells;
        std::map<std::string, std::size_t> row_totals, col_totals;
        std::size_t total = 0;
        for (const auto& [doc, facets] : r.values) {
            const auto R = ids(doc, rows), C = ids(doc, cols);
            if (R.empty() || C.empty()) continue;
            auto weight = [&](const std::string& id) -> std::size_t {
                if (measure == "documents") return 1;
                return r.mentions.at(doc).at(counted).at(id);
            };
            std::size_t all = 0;
            for (const auto& id : counted == rows ? R : C) all += weight(id);
            total += measure == "documents" ? 1 : all;
            for (const auto& row : R) {
                row_totals[row] += counted == rows || measure == "documents" ? weight(row) : all;
                for (const auto& col : C) {
                    cells[{row, col}] += weight(counted == rows ? row : col);
                }
            }
            for (const auto& col : C) {
                col_totals[col] += counted == cols || measure == "documents" ? weight(col) : all;
            }
        }
        const json& row_values = t["rows"]["values"];
        const json& col_values = t["cols"]["values"];
        ASSERT_EQ(row_values.size(), row_totals.size()) << rows << " x " << cols;
        ASSERT_EQ(col_values.size(), col_totals.size()) << rows << " x " << cols;
        std::size_t nonzero = 0;
        for (std::size_t i = 0; i < row_values.size(); ++i) {
            const std::string row = row_values[i]["id"];
            EXPECT_EQ(row_values[i]["total"], row_totals[row]) << row;
            for (std::size_t j = 0; j < col_values.size(); ++j) {
                const std::string col = col_values[j]["id"];
                const auto found = cells.find({row, col});
                const std::size_t want = found == cells.end() ? 0 : found->second;
                EXPECT_EQ(t["cells"][i][j].get<std::size_t>(), want)
                    << rows << "=" << row << " " << cols << "=" << col << " " << measure;
                nonzero += want > 0;
            }
        }
        for (const json& col : col_values) EXPECT_EQ(col["total"], col_totals[col["id"]]);
        EXPECT_EQ(nonzero, cells.size());
        EXPECT_EQ(t["total"], total);
        EXPECT_GT(total, 0u);
    }

    static TempDir* dir_;
    std::unique_ptr<Daemon> daemon_;
    std::unique_ptr<httplib::Client> client_;
};

TempDir* AnalysisTest::dir_ = nullptr;

TEST_F(AnalysisTest, EveryCrosstabCellEqualsTheMentionExport) {
    const Reading r = reading();
    ASSERT_EQ(r.values.size(), 5u);
    for (const std::string measure : {"documents", "mentions"}) {
        expect_crosstab(r, "state", "year", measure, {});
        expect_crosstab(r, "state", "published", measure, {});
        expect_crosstab(r, "state", "mechanism", measure, {});
        expect_crosstab(r, "mechanism", "kind", measure, {});
        expect_crosstab(r, "kind", "organisation", measure, {});
        expect_crosstab(r, "year", "published", measure, {});
    }
    expect_crosstab(r, "kind", "published", "documents", {});
}

TEST_F(AnalysisTest, MemberOfCountsTheMemberStatesOfMidsa) {
    const std::set<std::string> members = members_in_config("midsa");
    ASSERT_EQ(members.size(), 16u);
    // The documents that mention a member, from the unfiltered export.
    const Reading all = reading();
    Reading r;
    for (const auto& [doc, facets] : all.values) {
        bool member = false;
        for (const auto& id : facets.count("state") ? facets.at("state") : std::set<std::string>{}) {
            member = member || members.count(id);
        }
        if (member) r.values[doc] = facets, r.mentions[doc] = all.mentions.at(doc);
    }
    ASSERT_EQ(r.values.size(), 3u);
    expect_crosstab(r, "state", "published", "mentions", members, "&member_of=midsa");
    expect_crosstab(r, "state", "year", "documents", members, "&member_of=midsa");

    const json t = get("/v1/crosstab?rows=state&cols=published&member_of=midsa");
    EXPECT_EQ(t["documents"], 3);
    ASSERT_EQ(t["member_of"].size(), 1u);
    EXPECT_EQ(t["member_of"][0]["mechanism"], "midsa");
    EXPECT_EQ(t["member_of"][0]["members"].size(), 16u);
    EXPECT_NE(t["member_of"][0]["members_source"].get<std::string>().find("July 2005"),
              std::string::npos);
    // The same filter on search and on the mention export.
    EXPECT_EQ(get("/v1/search?member_of=midsa&limit=0")["total"], 3);
    EXPECT_EQ(get("/v1/search?q=member_of:midsa&limit=0")["total"], 3);
    EXPECT_EQ(get("/v1/search?q=member_of:atlantis", 400)["error"]["code"], "bad_query");
    std::size_t member_rows = 0;
    for (const auto& [doc, types] : r.mentions) {
        for (const auto& [id, n] : types.at("state")) member_rows += members.count(id) ? n : 0;
    }
    EXPECT_EQ(get("/v1/mentions?member_of=midsa&limit=0")["total"], member_rows);
}

TEST_F(AnalysisTest, CrosstabCsvHasTheRowTypeColumnsTotalsAndATotalLine) {
    const json t = get("/v1/crosstab?rows=state&cols=published&member_of=midsa");
    const std::string csv = body("/v1/crosstab?rows=state&cols=published&member_of=midsa&format=csv");
    std::vector<std::string> lines;
    std::stringstream in(csv);
    for (std::string line; std::getline(in, line);) {
        ASSERT_FALSE(line.empty());
        ASSERT_EQ(line.back(), '\r');
        line.pop_back();
        lines.push_back(line);
    }
    std::string header = "state";
    for (const json& c : t["cols"]["values"]) header += "," + c["id"].get<std::string>();
    EXPECT_EQ(lines.at(0), header + ",total");
    ASSERT_EQ(lines.size(), t["rows"]["values"].size() + 2);
    for (std::size_t i = 0; i < t["rows"]["values"].size(); ++i) {
        std::string line = t["rows"]["values"][i]["id"];
        for (const json& cell : t["cells"][i]) line += "," + std::to_string(cell.get<int>());
        line += "," + std::to_string(t["rows"]["values"][i]["total"].get<int>());
        EXPECT_EQ(lines[i + 1], line);
    }
    std::string last = "total";
    for (const json& c : t["cols"]["values"]) last += "," + std::to_string(c["total"].get<int>());
    EXPECT_EQ(lines.back(), last + "," + std::to_string(t["total"].get<int>()));
}

TEST_F(AnalysisTest, BadCrosstabAndConcordanceParametersAre400s) {
    auto code = [&](const std::string& path) {
        const json e = get(path, 400);
        return e["error"]["code"].get<std::string>() + " " + e["error"].value("parameter", "");
    };
    EXPECT_EQ(code("/v1/crosstab?cols=year"), "bad_parameter rows");
    EXPECT_EQ(code("/v1/crosstab?rows=state&cols=colour"), "bad_parameter cols");
    EXPECT_EQ(code("/v1/crosstab?rows=state&cols=year&measure=words"), "bad_parameter measure");
    EXPECT_EQ(code("/v1/crosstab?rows=kind&cols=published&measure=mentions"),
              "bad_parameter measure");
    EXPECT_EQ(code("/v1/crosstab?rows=state&cols=year&member_of=gfmd"), "bad_parameter member_of");
    EXPECT_EQ(code("/v1/crosstab?rows=state&cols=year&member_of=atlantis"),
              "bad_parameter member_of");
    EXPECT_EQ(code("/v1/concordance?q=state:BW"), "bad_query ");
    EXPECT_EQ(code("/v1/concordance?q="), "bad_query ");
    EXPECT_EQ(code("/v1/concordance?q=border&sort=L4"), "bad_parameter sort");
}

TEST_F(AnalysisTest, CooccurrenceCountsAreUnderAllFiltersBesideTheMultiSelectCounts) {
    const json s = get("/v1/search?state=BW&cooccurrence=1&facets=state&facet_limit=0&limit=0");
    // Multi-select: the state facet leaves its own filter out, so it counts all five documents.
    std::map<std::string, int> select, co;
    for (const json& v : s["facets"]["state"]) select[v["value"]] = v["count"];
    for (const json& v : s["cooccurrence"]["state"]) co[v["value"]] = v["count"];
    const int with_bw = s["total"];
    EXPECT_EQ(co["BW"], with_bw);
    // Each co-occurrence count is the total of a search with both filters.
    for (const auto& [state, n] : co) {
        const json both = get("/v1/search?limit=0&facets=&q=state:BW&state=" + state);
        EXPECT_EQ(both["total"].get<int>(), n) << state;
    }
    for (const auto& [state, n] : select) {
        EXPECT_EQ(get("/v1/search?limit=0&facets=&state=" + state)["total"].get<int>(), n) << state;
    }
    EXPECT_FALSE(get("/v1/search?state=BW&limit=0").contains("cooccurrence"));
}

// Every whole-word occurrence of a pattern in the documents' text, found by a regex scan.
std::set<std::tuple<std::string, int, int>> scan(
    const std::map<std::string, std::string>& texts, const std::string& pattern) {
    std::set<std::tuple<std::string, int, int>> found;
    const std::regex re("(^|[^A-Za-z0-9])(" + pattern + ")(?![A-Za-z0-9])", std::regex::icase);
    for (const auto& [doc, text] : texts) {
        for (auto it = std::sregex_iterator(text.begin(), text.end(), re);
             it != std::sregex_iterator(); ++it) {
            const int start = static_cast<int>(it->position(2));
            found.insert({doc, start, start + static_cast<int>(it->length(2))});
        }
    }
    return found;
}

TEST_F(AnalysisTest, ConcordanceLinesEqualAScanOfTheText) {
    std::map<std::string, std::string> texts;
    const json search = get("/v1/search?limit=10&facets=");
    for (const json& hit : search["hits"]) {
        const std::string id = hit["id"];
        texts[id] = get("/v1/documents/" + id + "?text=1")["text"];
    }
    ASSERT_EQ(texts.size(), 5u);
    const std::pair<std::string, std::string> cases[] = {
        {"readmission", "readmission"},
        {"%22border+management%22", "border\\s+management"},
        {"migrant*", "migrant[a-z]*"}};
    for (const auto& [q, pattern] : cases) {
        std::set<std::tuple<std::string, int, int>> lines;
        for (const json& line : jsonl("/v1/concordance?format=jsonl&window=20&q=" + q)) {
            const std::string& text = texts.at(line["doc"]);
            const int start = line["start"], end = line["end"];
            EXPECT_EQ(line["text"], text.substr(start, end - start));
            const std::u32string chars = decode_utf8(text);
            const int cs = line["char_start"], ce = line["char_end"];
            EXPECT_EQ(encode_utf8(chars.substr(cs, ce - cs)), line["text"].get<std::string>());
            lines.insert({line["doc"], start, end});
        }
        const auto expected = scan(texts, pattern);
        EXPECT_EQ(lines, expected) << q;
        EXPECT_FALSE(expected.empty()) << q;
        EXPECT_EQ(get("/v1/concordance?limit=0&q=" + q)["total"], expected.size());
    }
}

TEST_F(AnalysisTest, ConcordanceSortsByTheWordsLeftOrRightAndPages) {
    const json all = get("/v1/concordance?q=migration&limit=1000&sort=L1");
    const std::size_t total = all["total"];
    ASSERT_GT(total, 20u);
    ASSERT_EQ(all["lines"].size(), total);
    std::string previous;
    for (const json& line : all["lines"]) {
        const std::string l1 = line["left_words"].empty() ? "" : line["left_words"][0];
        EXPECT_LE(previous, l1);
        previous = l1;
    }
    const json r2 = get("/v1/concordance?q=migration&limit=1000&sort=R2");
    previous.clear();
    for (const json& line : r2["lines"]) {
        const std::string w = line["right_words"].size() < 2 ? "" : line["right_words"][1];
        EXPECT_LE(previous, w);
        previous = w;
    }
    // A page is the slice of the sorted lines.
    const json page = get("/v1/concordance?q=migration&sort=L1&offset=10&limit=5");
    ASSERT_EQ(page["lines"].size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(page["lines"][i], all["lines"][10 + i]);
    // The CSV export has every line with the sort words.
    const std::string csv = body("/v1/concordance?q=migration&sort=L1&format=csv");
    EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
              "doc,title,published,kind,start,end,char_start,char_end,left,text,right,L1,L2,L3,"
              "R1,R2,R3");
}

TEST_F(AnalysisTest, MentionRowsCarryTheDocumentAndCodePointOffsets) {
    const json rows = get("/v1/mentions?state=CI&limit=10");
    ASSERT_EQ(rows["total"], 1);
    const json& row = rows["rows"][0];
    EXPECT_EQ(row["text"], "Côte d'Ivoire");
    const std::string doc = row["doc"];
    const json meta = get("/v1/documents/" + doc + "?text=1");
    EXPECT_EQ(row["title"], meta["title"]);
    EXPECT_EQ(row["kind"], meta["kind"]);
    EXPECT_EQ(row["published"], meta["published"]);
    const std::u32string chars = decode_utf8(meta["text"].get<std::string>());
    const int cs = row["char_start"], ce = row["char_end"];
    EXPECT_EQ(encode_utf8(chars.substr(cs, ce - cs)), "Côte d'Ivoire");
    EXPECT_EQ(ce - cs, 13);                                   // code points
    EXPECT_EQ(row["end"].get<int>() - row["start"].get<int>(), 14);  // bytes: ô is two
    EXPECT_LT(cs, row["start"].get<int>());  // the text before it holds non-ASCII too

    const std::string csv = body("/v1/mentions?state=CI&format=csv");
    const std::string header = csv.substr(0, csv.find("\r\n"));
    EXPECT_EQ(header,
              "doc,type,entity,label,form,start,end,text,left,right,title,published,kind,"
              "char_start,char_end");
    EXPECT_NE(csv.find("," + std::to_string(cs) + "," + std::to_string(ce) + "\r\n"),
              std::string::npos);
}

}  // namespace
}  // namespace consulta
