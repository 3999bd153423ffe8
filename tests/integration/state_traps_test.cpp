// Issue 9 end to end: a corpus full of state names that are not states (people, places inside
// places) and of years the tagger used to miss (fiscal years, decades, the middle of a range)
// goes through the real consulta-indexer code and the real consulta-searchd, and /v1/mentions
// must list exactly the states and years a reader finds.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/searchd_daemon.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test_support::TempDir;

// Not the sentences of the unit tests or of the evaluation's labelled texts.
constexpr const char* kPeople =
    "Workshop minutes. Mr. Jordan Pike welcomed the delegates and Dr. Georgia Stavros presented "
    "the survey of returnees. Chad Delacroix, a lawyer, said that the courts of Chad were "
    "overloaded. Jordan and Lebanon shared their data; the delegation of Georgia said it would "
    "follow. Israel Fonseca moderated the panel on Kenya.\n";
constexpr const char* kPlaces =
    "Diaspora survey. Interviews took place in Jersey City and in Newark, New Jersey, with a "
    "New Jersey charity, in Columbus, Georgia, and in Lebanon, Tennessee. The control group "
    "lived in Mexico City and Amman, Jordan. The programme ran from 2016-2018 and was renewed "
    "for FY2021; remittances had grown since the mid-1990s.\n";

class StateTrapsTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        const fs::path corpus = dir_->path() / "corpus";
        fs::create_directories(corpus);
        std::ofstream(corpus / "people.txt") << kPeople;
        std::ofstream(corpus / "places.txt") << kPlaces;
        auto summary = index_corpus(
            {corpus, dir_->path() / "index", test_support::project_settings(), {}});
        ASSERT_TRUE(summary.is_ok()) << summary.status().message();
        ASSERT_EQ(summary.value().added, 2u);
        daemon_ = new test_support::Daemon(dir_->path() / "index", dir_->path() / "searchd.log");
    }
    static void TearDownTestSuite() {
        delete daemon_;
        delete dir_;
    }

    /// The rows of /v1/mentions for `query`, each as "doc entity form text@start".
    static std::vector<std::string> rows(const std::string& query) {
        httplib::Client client("127.0.0.1", daemon_->port());
        auto res = client.Get(("/v1/mentions?limit=1000&" + query).c_str());
        EXPECT_TRUE(res) << query;
        if (!res) return {};
        EXPECT_EQ(res->status, 200) << res->body;
        const json answer = json::parse(res->body);
        std::vector<std::string> out;
        for (const json& row : answer["rows"]) {
            out.push_back(row["doc"].get<std::string>() + " " + row["entity"].get<std::string>() +
                          " " + row["form"].get<std::string>() + " " +
                          row["text"].get<std::string>() + "@" +
                          std::to_string(row["start"].get<int>()));
        }
        EXPECT_EQ(answer["total"].get<std::size_t>(), out.size());
        return out;
    }

    static std::size_t at(const char* text, const char* what) {
        return std::string(text).find(what);
    }

    static TempDir* dir_;
    static test_support::Daemon* daemon_;
};
TempDir* StateTrapsTest::dir_ = nullptr;
test_support::Daemon* StateTrapsTest::daemon_ = nullptr;

TEST_F(StateTrapsTest, PeopleAreNotStates) {
    const auto chad = at(kPeople, "of Chad") + 3;
    const auto jordan = at(kPeople, "Jordan and");
    const auto georgia = at(kPeople, "of Georgia") + 3;
    const auto kenya = at(kPeople, "Kenya");
    EXPECT_EQ(rows("type=state&doc=people"),
              (std::vector<std::string>{
                  "people TD name Chad@" + std::to_string(chad),
                  "people JO name Jordan@" + std::to_string(jordan),
                  "people LB name Lebanon@" + std::to_string(at(kPeople, "Lebanon")),
                  "people GE name Georgia@" + std::to_string(georgia),
                  "people KE name Kenya@" + std::to_string(kenya)}));
}

TEST_F(StateTrapsTest, PlacesInsidePlacesAreNotStates) {
    EXPECT_EQ(rows("type=state&doc=places"),
              (std::vector<std::string>{
                  "places MX name Mexico@" + std::to_string(at(kPlaces, "Mexico City")),
                  "places JO name Jordan@" + std::to_string(at(kPlaces, "Jordan."))}));
    // No document mentions Jersey or Lebanon, whatever the text says about New Jersey.
    EXPECT_EQ(rows("state=JE"), std::vector<std::string>{});
    EXPECT_EQ(rows("state=LB&doc=places"), std::vector<std::string>{});
}

TEST_F(StateTrapsTest, RangesFiscalYearsAndDecadesAreYears) {
    const std::string range = std::to_string(at(kPlaces, "2016-2018"));
    const std::string fy = std::to_string(at(kPlaces, "FY2021"));
    const std::string decade = std::to_string(at(kPlaces, "mid-1990s"));
    EXPECT_EQ(rows("type=year&doc=places"),
              (std::vector<std::string>{
                  "places 2016 year_range 2016@" + range,
                  "places 2017 range_middle 2016-2018@" + range,
                  "places 2018 year_range 2018@" + std::to_string(at(kPlaces, "2018")),
                  "places 2021 fiscal_year FY2021@" + fy,
                  "places 1994 decade mid-1990s@" + decade,
                  "places 1995 decade mid-1990s@" + decade,
                  "places 1996 decade mid-1990s@" + decade}));
    // The year filter finds the document by a year it never writes out.
    EXPECT_EQ(rows("year=2017&type=year"),
              std::vector<std::string>{"places 2017 range_middle 2016-2018@" + range});
    EXPECT_EQ(rows("year=1995&type=year").size(), 1u);
}

}  // namespace
}  // namespace consulta
