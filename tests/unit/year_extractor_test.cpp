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
    // The years between the ends are range_middle mentions spanning the whole range (issue 9).
    EXPECT_EQ(years("(2015-2018)"), (Lines{"2015 year_range [1,5)", "2016 range_middle [1,10)",
                                           "2017 range_middle [1,10)", "2018 year_range [6,10)"}));
    EXPECT_EQ(years("(2015–2018)"), (Lines{"2015 year_range [1,5)", "2016 range_middle [1,12)",
                                           "2017 range_middle [1,12)", "2018 year_range [8,12)"}));
    EXPECT_EQ(years("2015 - 2018"), (Lines{"2015 year_range [0,4)", "2016 range_middle [0,11)",
                                           "2017 range_middle [0,11)", "2018 year_range [7,11)"}));
    // A two-digit end is read in the century of the start; its mention is its two digits.
    EXPECT_EQ(years("2015–18"), (Lines{"2015 year_range [0,4)", "2016 range_middle [0,9)",
                                       "2017 range_middle [0,9)", "2018 year_range [7,9)"}));
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
    EXPECT_EQ(years("42 and 206 and 20060"), Lines{});
}

// Issue 9: the middle years of a range, up to YearRules::max_range_span (15 by default).
TEST(YearExtractor, RangeMiddlesUpToTheSpan) {
    EXPECT_EQ(years("2016–2018"), (Lines{"2016 year_range [0,4)", "2017 range_middle [0,11)",
                                         "2018 year_range [7,11)"}));
    EXPECT_EQ(years("2016-2017"), (Lines{"2016 year_range [0,4)", "2017 year_range [5,9)"}));
    EXPECT_EQ(years("2015-2030").size(), 16u);  // 15 years apart: every year
    EXPECT_EQ(years("1990-2020"), (Lines{"1990 year_range [0,4)", "2020 year_range [5,9)"}));
    YearRules narrow;
    narrow.max_range_span = 1;
    EXPECT_EQ(years("2016-2018", narrow),
              (Lines{"2016 year_range [0,4)", "2018 year_range [5,9)"}));
    // A split fiscal year is two years, not a range with a middle.
    EXPECT_EQ(years("2006/07"), (Lines{"2006 year_range [0,4)", "2007 year_range [5,7)"}));
}

TEST(YearExtractor, RangesWrittenInWords) {
    EXPECT_EQ(years("from 2005 to 2007"), (Lines{"2005 year_range [5,9)",
                                                 "2006 range_middle [5,17)",
                                                 "2007 year_range [13,17)"}));
    EXPECT_EQ(years("between 2020 and 2021"),
              (Lines{"2020 year_range [8,12)", "2021 year_range [17,21)"}));
    EXPECT_EQ(years("2010 until 2011"), (Lines{"2010 year_range [0,4)", "2011 year_range [11,15)"}));
    // Not ranges: "and" without "between", a later start, a count at the end.
    EXPECT_EQ(years("2010 and 2012"), (Lines{"2010 year [0,4)", "2012 year [9,13)"}));
    EXPECT_EQ(years("2012 to 2010"), (Lines{"2012 year [0,4)", "2010 year [8,12)"}));
    EXPECT_EQ(years("from 2000 to 2050 migrants"), Lines{"2000 year [5,9)"});
    EXPECT_EQ(years("in 2012 to undertake"), Lines{"2012 year [3,7)"});
}

TEST(YearExtractor, FiscalYears) {
    EXPECT_EQ(years("FY2019"), Lines{"2019 fiscal_year [0,6)"});
    EXPECT_EQ(years("in FY 2019 and fy2020"),
              (Lines{"2019 fiscal_year [6,10)", "2020 fiscal_year [15,21)"}));
    EXPECT_EQ(years("FY 2020/21"), (Lines{"2020 fiscal_year [3,7)", "2021 fiscal_year [8,10)"}));
    EXPECT_EQ(years("FY2020/21"), (Lines{"2020 fiscal_year [0,6)", "2021 fiscal_year [7,9)"}));
    EXPECT_EQ(years("FY2023-2024"), (Lines{"2023 fiscal_year [0,6)", "2024 fiscal_year [7,11)"}));
    // Not fiscal years: two digits, outside the year rules, a code, "FY" far from the number.
    EXPECT_EQ(years("FY19"), Lines{});
    EXPECT_EQ(years("FY1850"), Lines{});
    EXPECT_EQ(years("FY20190"), Lines{});
    EXPECT_EQ(years("FY, 2019"), Lines{"2019 year [4,8)"});
}

TEST(YearExtractor, Decades) {
    Lines nineties;
    for (int y = 1990; y <= 1999; ++y) nineties.push_back(std::to_string(y) + " decade [4,9)");
    EXPECT_EQ(years("the 1990s"), nineties);
    EXPECT_EQ(years("the 1990's").size(), 10u);
    EXPECT_EQ(years("the 1990's").front(), "1990 decade [4,10)");
    EXPECT_EQ(years("mid-2010s"), (Lines{"2014 decade [0,9)", "2015 decade [0,9)",
                                         "2016 decade [0,9)"}));
    EXPECT_EQ(years("early 2000s"), (Lines{"2000 decade [0,11)", "2001 decade [0,11)",
                                           "2002 decade [0,11)", "2003 decade [0,11)"}));
    EXPECT_EQ(years("late 1980s"), (Lines{"1987 decade [0,10)", "1988 decade [0,10)",
                                          "1989 decade [0,10)"}));
    // Only the years inside the year rules: the 1890s give none, "1895s" is no decade.
    EXPECT_EQ(years("the 1890s"), Lines{});
    EXPECT_EQ(years("1995s"), Lines{});
    EXPECT_EQ(years("the 90s"), Lines{});
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
