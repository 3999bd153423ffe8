// The FacetTable path of FacetCounter against Xapian's stock ValueCountMatchSpy, on a real
// glass database with gaps in its document ids, across a commit that changes values.
#include "core/search/facet_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <tuple>

#include "core/index/schema.h"
#include "core/search/facet_counter.h"
#include "tests/support/project_gazetteer.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {

namespace fs = std::filesystem;

using test_support::project_gazetteer;

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

using Counts = std::map<std::tuple<FacetType, std::string>, std::size_t>;

// Every value and count a counter gives for `types`.
Counts counts_of(const FacetCounter& counter, std::initializer_list<FacetType> types) {
    Counts out;
    for (FacetType type : types) {
        for (const FacetCount& c : counter.counts(type)) out[{type, std::string(c.value)}] = c.count;
    }
    return out;
}

// The counts of `query`'s matches: through a FacetTable when `local` and db allows one,
// with the stock spy otherwise.
Counts count(const Xapian::Database& db, const Xapian::Query& query, bool local) {
    FacetLists lists(project_gazetteer());
    FacetCounter counter({FacetType::kState, FacetType::kYear}, true, lists, db, local);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    counter.attach(enquire);
    enquire.get_mset(0, 10, db.get_doccount());
    return counts_of(counter, {FacetType::kState, FacetType::kYear});
}

// One database as build() makes it.
class FacetTableTest : public ::testing::Test {
protected:
    void SetUp() override { build(path()); }
    fs::path path() const { return dir_.path() / "db"; }
    test_support::TempDir dir_;
};

TEST_F(FacetTableTest, CountsWhatTheStockSpyCountsOverIdsWithGaps) {
    Xapian::Database db(path().string());
    const auto table = FacetTable::of(db, schema::kSlotFacets);
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->list_of(5), FacetTable::kNoList);   // deleted
    EXPECT_EQ(table->list_of(31), FacetTable::kNoList);  // past the last id
    EXPECT_EQ(FacetTable::of(db, schema::kSlotFacets), table);  // shared, not rebuilt

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

TEST_F(FacetTableTest, CountAllIsTheMatchOfEveryDocument) {
    Xapian::Database db(path().string());
    FacetLists lists(project_gazetteer());
    FacetCounter counter({FacetType::kState}, true, lists, db, true);
    ASSERT_TRUE(counter.count_all());
    const Counts without_match = counts_of(counter, {FacetType::kState});
    Counts matched = count(db, Xapian::Query::MatchAll, false);
    std::erase_if(matched, [](const auto& kv) { return std::get<0>(kv.first) != FacetType::kState; });
    EXPECT_EQ(without_match, matched);
    EXPECT_EQ((without_match.at({FacetType::kState, "BW"})), 14u);  // 15 odd ids, less 5

    FacetLists other(project_gazetteer());
    FacetCounter stock({FacetType::kState}, true, other, db, false);
    EXPECT_FALSE(stock.count_all());  // not local: it must be attached to a match
}

// Over combined databases Xapian hands the spy shard-local document ids: no table there.
TEST_F(FacetTableTest, NoneForCombinedDatabases) {
    build(dir_.path() / "b");
    Xapian::Database a(path().string()), b((dir_.path() / "b").string());
    Xapian::Database both(a);
    both.add_database(b);
    EXPECT_EQ(FacetTable::of(both, schema::kSlotFacets), nullptr);
    EXPECT_EQ(count(both, Xapian::Query("odd"), true), count(both, Xapian::Query("odd"), false));
    EXPECT_EQ((count(both, Xapian::Query("odd"), false).at({FacetType::kState, "BW"})), 28u);
}

TEST_F(FacetTableTest, ACommitThatChangesValuesGivesANewTable) {
    Xapian::Database db(path().string());
    const auto before = FacetTable::of(db, schema::kSlotFacets);
    ASSERT_NE(before, nullptr);
    {
        Xapian::WritableDatabase writer(path().string());
        Xapian::Document doc;
        doc.add_value(schema::kSlotFacets, facet_value("NA", "1999"));
        doc.add_term("odd");
        writer.replace_document(1, doc);  // doc 1: BW and SZ -> NA
        writer.commit();
    }
    db.reopen();
    const auto after = FacetTable::of(db, schema::kSlotFacets);
    ASSERT_NE(after, nullptr);
    EXPECT_NE(after, before);
    const Counts odd = count(db, Xapian::Query("odd"), true);
    EXPECT_EQ(odd, count(db, Xapian::Query("odd"), false));
    EXPECT_EQ((odd.at({FacetType::kState, "BW"})), 13u);
    EXPECT_EQ((odd.at({FacetType::kState, "NA"})), 1u);
}

}  // namespace
}  // namespace consulta
