#pragma once
#include <string_view>
#include <vector>

#include "core/entities/mention.h"
#include "core/text/token.h"

namespace consulta {

struct YearRules {
    int min_year = 1900;  ///< numbers outside [min_year, max_year] are never years
    int max_year = 2099;
    /// A range whose ends are at most this many years apart also yields the years between
    /// ("2016-2018" -> 2017, form range_middle); a longer one ("1990-2020") only its ends.
    int max_range_span = 15;
};

/// Finds years in text: "in 2006", "(2015-2018)" (both ends), "2015-18", "11-13 October 2006",
/// "2006/07", "FY2019", "FY 2020/21", "the 1990s", "mid-2010s", and the middle years of a range
/// ("2016-2018" -> 2016, 2017, 2018). Not numbers that are not years: "120,000", "10%", "2000 migrants", "page 2006",
/// "US$ 2000", parts of phone numbers or reference codes.
class YearExtractor {
public:
    explicit YearExtractor(YearRules rules = {});
    std::vector<Mention> extract(std::string_view text, const TokenStream& tokens) const;

private:
    YearRules rules_;
};

}  // namespace consulta
