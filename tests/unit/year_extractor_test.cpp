#include "core/entities/year_extractor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text/tokenizer.h"

namespace consulta {
namespace {

using Lines = std::vector<std::string>;

/// "2006 year [3,7)": the year, its form and the offsets of its digits.
Lines years(std::string_view text, YearRules rules = {}) {
    Tokenizer tokenizer;
    Lines lines;
    for (const Mention& m : YearExtractor(rules).extract(text, tokenizer.tokenize(text))) {
        EXPECT_EQ(m.type, EntityType::kYear);
        EXPECT_EQ(m.surface, text.substr(m.start, m.end - m.start));
        lines.push_back(m.entity + " " + std::string(mention_form_name(m.form)) + " [" +
                        std::to_string(m.start) + "," + std::to_string(m.end) + ")");
    }
    return lines;
}

TEST(YearExtractor, PlainYears) {
    EXPECT_EQ(years("in 2006"), Lines{"2006 year [3,7)"});
    EXPECT_EQ(years("Since 2017, and in 2019."), (Lines{"2017 year [6,10)", "2019 year [19,23)"}));
    EXPECT_EQ(years("In 2019 States agreed"), Lines{"2019 year [3,7)"});
    EXPECT_EQ(years("in 2006. 2007 was"), (Lines{"2006 year [3,7)", "2007 year [9,13)"}));
    EXPECT_EQ(years("pre-2006 rules"), Lines{"2006 year [4,8)"});
}

TEST(YearExtractor, RangesGiveBothEnds) {
    EXPECT_EQ(years("(2015-2018)"), (Lines{"2015 year_range [1,5)", "2018 year_range [6,10)"}));
    EXPECT_EQ(years("(2015–2018)"), (Lines{"2015 year_range [1,5)", "2018 year_range [8,12)"}));
    EXPECT_EQ(years("2015 - 2018"), (Lines{"2015 year_range [0,4)", "2018 year_range [7,11)"}));
    // A two-digit end is read in the century of the start; its mention is its two digits.
    EXPECT_EQ(years("2015–18"), (Lines{"2015 year_range [0,4)", "2018 year_range [7,9)"}));
    EXPECT_EQ(years("2006/07"), (Lines{"2006 year_range [0,4)", "2007 year_range [5,7)"}));
    EXPECT_EQ(years("1999-00"), (Lines{"1999 year_range [0,4)", "2000 year_range [5,7)"}));
}

TEST(YearExtractor, DatesGiveTheirYear) {
    EXPECT_EQ(years("11-13 October 2006"), Lines{"2006 date [14,18)"});
    EXPECT_EQ(years("26 August 2020"), Lines{"2020 date [10,14)"});
    EXPECT_EQ(years("October 11, 2006"), Lines{"2006 date [12,16)"});
    EXPECT_EQ(years("December 16-17, 2004"), Lines{"2004 date [16,20)"});
    EXPECT_EQ(years("September 27 - 28, 2005"), Lines{"2005 date [19,23)"});
    EXPECT_EQ(years("in December 1994"), Lines{"1994 date [12,16)"});
    EXPECT_EQ(years("2006-10-11"), Lines{"2006 date [0,4)"});
    EXPECT_EQ(years("11/10/2006"), Lines{"2006 date [6,10)"});
    EXPECT_EQ(years("10/2006"), Lines{"2006 date [3,7)"});
}

TEST(YearExtractor, NumbersThatAreNotYears) {
    EXPECT_EQ(years("120,000 migrants"), Lines{});
    EXPECT_EQ(years("1,999 and 2,006"), Lines{});
    EXPECT_EQ(years("10% and 2000%"), Lines{});
    EXPECT_EQ(years("3.5 and 2006.5"), Lines{});
    EXPECT_EQ(years("the 1990s"), Lines{});
    EXPECT_EQ(years("42 and 206 and 20060"), Lines{});
}

TEST(YearExtractor, PagesAndReferences) {
    EXPECT_EQ(years("page 2006"), Lines{});
    EXPECT_EQ(years("see p. 2006"), Lines{});
    EXPECT_EQ(years("pp. 2005-2006"), Lines{});
    EXPECT_EQ(years("para 2010"), Lines{});
    EXPECT_EQ(years("Security Council resolution 2240 (2015)"), Lines{"2015 year [34,38)"});
    EXPECT_EQ(years("Ref. 2006/123"), Lines{});
    EXPECT_EQ(years("SADC/2006/01"), Lines{});
}

TEST(YearExtractor, AmountsAndCounts) {
    EXPECT_EQ(years("US$ 2000"), Lines{});
    EXPECT_EQ(years("USD 2000"), Lines{});
    EXPECT_EQ(years("€2000"), Lines{});
    EXPECT_EQ(years("$2000"), Lines{});
    EXPECT_EQ(years("2000 USD"), Lines{});
    EXPECT_EQ(years("2000 migrants, 2000 people, 2000 persons, 2000 participants"), Lines{});
    // A sentence between the number and the noun: the number is a year again.
    EXPECT_EQ(years("in 2000. Migrants"), Lines{"2000 year [3,7)"});
}

TEST(YearExtractor, CodesAndTelephoneNumbers) {
    EXPECT_EQ(years("ISBN 978-92-9068-2006-1"), Lines{});
    EXPECT_EQ(years("+27-11-2006-1234"), Lines{});
    EXPECT_EQ(years("2006-123"), Lines{});
    EXPECT_EQ(years("2018-2015"), Lines{});
}

TEST(YearExtractor, RulesBoundTheYears) {
    EXPECT_EQ(years("1899 1900 2099 2100"), (Lines{"1900 year [5,9)", "2099 year [10,14)"}));
    EXPECT_EQ(years("1999 and 2000", YearRules{2000, 2030}), Lines{"2000 year [9,13)"});
    EXPECT_EQ(years("2029-31", YearRules{2000, 2030}), Lines{"2029 year_range [0,4)"});
}

}  // namespace
}  // namespace consulta
