#include "core/search/facet_lists.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/index/schema.h"
#include "tests/support/project_gazetteer.h"

namespace consulta {
namespace {

namespace fs = std::filesystem;

using test_support::project_gazetteer;

// A facet slot value as the indexer writes it: six sections, ids '\n'-joined.
std::string facet_value(const std::string& states, const std::string& mechanisms,
                        const std::string& years, const std::string& kind,
                        const std::string& published) {
    const char sep = schema::kFacetSectionSeparator;
    return states + sep + mechanisms + sep + "" + sep + years + sep + kind + sep + published;
}

struct Decoded {
    FacetType type;
    std::string value, label;
    bool operator==(const Decoded&) const = default;
};

std::vector<Decoded> decoded(FacetLists& lists, const std::string& value) {
    std::vector<Decoded> out;
    for (std::uint32_t id : lists.decode(value)) {
        out.push_back({lists.type(id), std::string(lists.value(id)), std::string(lists.label(id))});
    }
    return out;
}

TEST(FacetLists, DecodesEverySectionWithGazetteerLabels) {
    FacetLists lists(project_gazetteer());
    const std::string value = facet_value("BW\nSZ", "midsa", "2005\n2017", "report", "2005");
    const std::vector<Decoded> want = {
        {FacetType::kState, "BW", "Botswana"},
        {FacetType::kState, "SZ", "Eswatini"},
        {FacetType::kMechanism, "midsa", "Migration Dialogue for Southern Africa"},
        {FacetType::kYear, "2005", "2005"},
        {FacetType::kYear, "2017", "2017"},
        {FacetType::kKind, "report", "report"},
        {FacetType::kPublished, "2005", "2005"},
    };
    EXPECT_EQ(decoded(lists, value), want);
    EXPECT_EQ(lists.id_count(), 7u);  // "2005" is a year id and a published id
}

TEST(FacetLists, AValueSeenTwiceIsDecodedOnceAndSharesItsIds) {
    FacetLists lists(project_gazetteer());
    const auto& first = lists.decode(facet_value("BW", "", "", "", ""));
    const auto& second = lists.decode(facet_value("BW\nZA", "", "", "", ""));
    ASSERT_EQ(first.size(), 1u);
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(first[0], second[0]);
    lists.decode(facet_value("BW", "", "", "", ""));
    EXPECT_EQ(lists.list_count(), 2u);
    EXPECT_EQ(lists.id_count(), 2u);
}

TEST(FacetLists, PastItsBoundTheNextRequestStartsEmptyAndDecodesAlike) {
    FacetLists lists(project_gazetteer(), 100);  // bytes: a few values overflow it
    const std::string a = facet_value("BW\nZA\nSZ", "midsa", "2001\n2002\n2003", "report", "2004");
    const std::string b = facet_value("MZ", "", "1999", "", "");
    const std::vector<Decoded> a_before = decoded(lists, a), b_before = decoded(lists, b);
    lists.begin_answer();
    EXPECT_EQ(lists.list_count(), 0u);
    EXPECT_EQ(lists.id_count(), 0u);
    EXPECT_EQ(decoded(lists, b), b_before);
    EXPECT_EQ(decoded(lists, a), a_before);
    lists.begin_answer();  // a and b decoded again are over the 100 bytes: emptied again
    EXPECT_EQ(lists.list_count(), 0u);

    FacetLists roomy(project_gazetteer());
    roomy.decode(a);
    roomy.begin_answer();
    EXPECT_EQ(roomy.list_count(), 1u);  // within the bound: kept
}

}  // namespace
}  // namespace consulta
