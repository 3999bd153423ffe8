// The FacetTable path of FacetCounter against Xapian's stock ValueCountMatchSpy, on a real
// glass database with gaps in its document ids, across a commit that changes values.
#include "core/search/facet_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <tuple>

#include "core/entities/gazetteer_data.h"
#include "core/index/schema.h"
#include "core/search/facet_counter.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {

namespace fs = std::filesystem;

const Gazetteer& project_gazetteer() {
    static const Gazetteer gazetteer = [] {
        const fs::path config = fs::path(CONSULTA_SOURCE_DIR) / "config";
        auto loaded = Gazetteer::load({fs::path(CONSULTA_ISO_CODES_DIR) / "iso_3166-1.json",
                                       config / "states.tsv", config / "mechanisms.tsv",
                                       config / "organisations.tsv", config / "state_context.tsv"});
        EXPECT_TRUE(loaded) << loaded.status().message();
        return std::move(loaded).value();
    }();
    return gazetteer;
}

std::string facet_value(const std::string& states, const std::string& year) {
    const char sep = schema::kFacetSectionSeparator;
    return states + sep + "" + sep + "" + sep + year + sep + "report" + sep + year;
}

// 30 documents: doc i mentions BW when i % 2, SZ when i % 3, and the year 2000 + i % 4; it
// has the term "even" or "odd". Docs 5, 6 and 20 are deleted, so the ids have gaps.
void build(const fs::path& path) {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 1; i <= 30; ++i) {
        Xapian::Document doc;
        std::string states;
        if (i % 2) states = "BW";
        if (i % 3) states += std::string(states.empty() ? "" : "\n") + "SZ";
        doc.add_value(schema::kSlotFacets, facet_value(states, std::to_string(2000 + i % 4)));
        doc.add_term(i % 2 ? "odd" : "even");
        db.add_document(doc);
    }
    for (Xapian::docid gone : {5u, 6u, 20u}) db.delete_document(gone);
    db.commit();
}

// What ShardSet::revisions() says of one local database.
std::string revisions(const Xapian::Database& db) {
    return db.get_uuid() + ":" + std::to_string(db.get_revision());
}

using Counts = std::map<std::tuple<FacetType, std::string>, std::size_t>;

// The counts of `query`'s matches: through a FacetTable when `revisions` names db's state,
// with the stock spy when it is empty.
Counts count_with(const Xapian::Database& db, const Xapian::Query& query,
                  const std::string& revisions) {
    FacetLists lists(project_gazetteer());
    FacetCounter counter({FacetType::kState, FacetType::kYear}, true, lists, db, revisions);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    counter.attach(enquire);
    enquire.get_mset(0, 10, db.get_doccount());
    Counts out;
    for (FacetType type : {FacetType::kState, FacetType::kYear}) {
        for (const FacetCount& c : counter.counts(type)) out[{type, std::string(c.value)}] = c.count;
    }
    return out;
}

Counts count(const Xapian::Database& db, const Xapian::Query& query, bool table) {
    return count_with(db, query, table ? revisions(db) : std::string());
}

TEST(FacetTable, CountsWhatTheStockSpyCountsOverIdsWithGaps) {
    test_support::TempDir dir;
    build(dir.path() / "db");
    Xapian::Database db((dir.path() / "db").string());
    const auto table = FacetTable::of(db, schema::kSlotFacets, revisions(db));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->list_of(5), FacetTable::kNoList);   // deleted
    EXPECT_EQ(table->list_of(31), FacetTable::kNoList);  // past the last id
    EXPECT_EQ(FacetTable::of(db, schema::kSlotFacets, revisions(db)), table);  // shared, not rebuilt

    // The 15 odd documents less 5: ids 1 3 7 9 ... 29 (14); BW on all, SZ on those not /3.
    const Counts odd = count(db, Xapian::Query("odd"), true);
    EXPECT_EQ(odd, count(db, Xapian::Query("odd"), false));
    EXPECT_EQ((odd.at({FacetType::kState, "BW"})), 14u);
    EXPECT_EQ((odd.at({FacetType::kState, "SZ"})), 9u);  // odd, not /3: 1 7 11 13 17 19 23 25 29
    const Counts all = count(db, Xapian::Query::MatchAll, true);
    EXPECT_EQ(all, count(db, Xapian::Query::MatchAll, false));
    EXPECT_EQ((all.at({FacetType::kState, "SZ"})), 18u);  // not /3 among the 27 left: 20 - 5, 20
    EXPECT_EQ((all.at({FacetType::kYear, "2001"})), 7u);  // 1 9 13 17 21 25 29 (5 deleted)
}

TEST(FacetTable, CountAllIsTheMatchOfEveryDocument) {
    test_support::TempDir dir;
    build(dir.path() / "db");
    Xapian::Database db((dir.path() / "db").string());
    FacetLists lists(project_gazetteer());
    FacetCounter counter({FacetType::kState}, true, lists, db, revisions(db));
    ASSERT_TRUE(counter.count_all());
    Counts without_match;
    for (const FacetCount& c : counter.counts(FacetType::kState)) {
        without_match[{FacetType::kState, std::string(c.value)}] = c.count;
    }
    Counts matched = count(db, Xapian::Query::MatchAll, false);
    std::erase_if(matched, [](const auto& kv) { return std::get<0>(kv.first) != FacetType::kState; });
    EXPECT_EQ(without_match, matched);
    EXPECT_EQ((without_match.at({FacetType::kState, "BW"})), 14u);  // 15 odd ids, less 5

    FacetLists other(project_gazetteer());
    FacetCounter stock({FacetType::kState}, true, other, db, "");
    EXPECT_FALSE(stock.count_all());  // not local: it must be attached to a match
}

// Over combined databases Xapian hands the spy shard-local document ids: no table there.
TEST(FacetTable, NoneForCombinedDatabases) {
    test_support::TempDir dir;
    build(dir.path() / "a");
    build(dir.path() / "b");
    Xapian::Database a((dir.path() / "a").string()), b((dir.path() / "b").string());
    Xapian::Database both(a);
    both.add_database(b);
    EXPECT_EQ(FacetTable::of(both, schema::kSlotFacets, revisions(a) + " " + revisions(b)), nullptr);
    const std::string parts = revisions(a) + " " + revisions(b);
    EXPECT_EQ(count_with(both, Xapian::Query("odd"), parts), count(both, Xapian::Query("odd"), false));
    EXPECT_EQ((count(both, Xapian::Query("odd"), false).at({FacetType::kState, "BW"})), 28u);
}

TEST(FacetTable, ACommitThatChangesValuesGivesANewTable) {
    test_support::TempDir dir;
    build(dir.path() / "db");
    Xapian::Database db((dir.path() / "db").string());
    const auto before = FacetTable::of(db, schema::kSlotFacets, revisions(db));
    ASSERT_NE(before, nullptr);
    {
        Xapian::WritableDatabase writer((dir.path() / "db").string());
        Xapian::Document doc;
        doc.add_value(schema::kSlotFacets, facet_value("NA", "1999"));
        doc.add_term("odd");
        writer.replace_document(1, doc);  // doc 1: BW and SZ -> NA
        writer.commit();
    }
    db.reopen();
    const auto after = FacetTable::of(db, schema::kSlotFacets, revisions(db));
    ASSERT_NE(after, nullptr);
    EXPECT_NE(after, before);
    const Counts odd = count(db, Xapian::Query("odd"), true);
    EXPECT_EQ(odd, count(db, Xapian::Query("odd"), false));
    EXPECT_EQ((odd.at({FacetType::kState, "BW"})), 13u);
    EXPECT_EQ((odd.at({FacetType::kState, "NA"})), 1u);
}

}  // namespace
}  // namespace consulta
