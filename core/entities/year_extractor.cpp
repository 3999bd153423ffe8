#include "core/entities/year_extractor.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/entities/text_gap.h"

namespace consulta {
namespace {

using gazetteer_detail::gap_signature;

// Small closed word lists: a number right after one of these is a page, a reference or money;
// right before one of these it is a count or an amount. Checked only for four-digit numbers.
constexpr std::array<std::string_view, 33> kReferenceWords = {
    "page",       "pages",   "p",    "pp",         "para",      "paras",  "paragraph",
    "paragraphs", "no",      "nos",  "number",     "vol",       "volume", "art",
    "article",    "section", "sect", "chapter",    "ch",        "annex",  "fig",
    "figure",     "table",   "box",  "tel",        "telephone", "fax",    "phone",
    "isbn",       "issn",    "ref",  "resolution", "res"};
constexpr std::array<std::string_view, 14> kCurrencyWords = {
    "usd", "us$", "eur", "euro", "euros",   "gbp",  "chf",
    "zar", "jpy", "aud", "cad",  "dollars", "rand", "francs"};
constexpr std::array<std::string_view, 33> kCountWords = {
    "migrants", "people",     "persons",      "participants",  "refugees",    "children",
    "victims",  "workers",    "individuals",  "households",    "families",    "cases",
    "km",       "kilometres", "kilometers",   "miles",         "metres",      "meters",
    "hectares", "tonnes",     "tons",         "beneficiaries", "returnees",   "deaths",
    "arrivals", "applicants", "applications", "officials",     "respondents", "students",
    "women",    "men",        "nationals"};
constexpr std::array<std::string_view, 23> kMonths = {"january", "february", "march",
                                                      "april",   "may",      "june",
                                                      "july",    "august",   "september",
                                                      "october", "november", "december",
                                                      "jan",     "feb",      "mar",
                                                      "apr",     "jun",      "jul",
                                                      "aug",     "sep",      "sept",
                                                      "oct",     "nov"};  // "dec" is left out: it
                                                                          // is also an abbreviation
                                                                          // of "decision"

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

bool is_ascii_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The tokens of one text with the helpers every rule needs.
struct View {
    std::string_view text;
    const TokenStream& tokens;

    std::string_view surface(std::size_t i) const {
        return text.substr(tokens[i].start, tokens[i].end - tokens[i].start);
    }
    /// Raw bytes between token i-1 and token i (from the text start when i is 0).
    std::string_view gap_before(std::size_t i) const {
        const std::uint32_t from = i == 0 ? 0 : tokens[i - 1].end;
        return text.substr(from, tokens[i].start - from);
    }
    std::string_view gap_after(std::size_t i) const {
        const std::size_t to = i + 1 < tokens.size() ? tokens[i + 1].start : text.size();
        return text.substr(tokens[i].end, to - tokens[i].end);
    }
    /// The value of a number token of exactly `digits` ASCII digits, or -1.
    int number(std::size_t i, std::size_t min_digits, std::size_t max_digits) const {
        const std::string_view s = surface(i);
        if (tokens[i].kind != TokenKind::kNumber || s.size() < min_digits ||
            s.size() > max_digits || !is_ascii_digits(s)) {
            return -1;
        }
        return std::stoi(std::string(s));
    }
};

/// Two number tokens belong to one group ("2015-2018", "2006/07", "2006-10-11", an ISBN) when
/// only a dash or a slash separates them, or a dot or colon with no space.
bool links(std::string_view gap) {
    const std::string signature = gap_signature(gap);
    if (signature == "-" || signature == "/") return true;
    return gap == "." || gap == ":";
}

bool has_currency_symbol(std::string_view gap) {
    return gap.find('$') != std::string_view::npos ||
           gap.find("\u20AC") != std::string_view::npos ||
           gap.find("\u00A3") != std::string_view::npos ||
           gap.find("\u00A5") != std::string_view::npos;
}

/// "page 2006", "US$ 2000", "USD 2000", "€2000", "SADC/2006".
bool rejected_by_left(const View& v, std::size_t first) {
    const std::string_view gap = v.gap_before(first);
    if (has_currency_symbol(gap)) return true;
    if (first == 0 || v.tokens[first - 1].kind != TokenKind::kWord) return false;
    const std::string& word = v.tokens[first - 1].norm;
    const std::string signature = gap_signature(gap);
    if (contains(kReferenceWords, word) &&
        (signature.empty() || signature == "." || signature == ":")) {
        return true;
    }
    return signature.empty() ? contains(kCurrencyWords, word) : gap == "/";
}

/// "10%"-like amounts, "2000 USD", "2000 migrants", "2006/Rev".
bool rejected_by_right(const View& v, std::size_t last) {
    const std::string_view gap = v.gap_after(last);
    const std::string signature = gap_signature(gap);
    if (signature.starts_with("%") || signature.starts_with("\u20AC")) return true;
    if (last + 1 >= v.tokens.size() || v.tokens[last + 1].kind != TokenKind::kWord) return false;
    const std::string& word = v.tokens[last + 1].norm;
    if (signature.empty()) return contains(kCountWords, word) || contains(kCurrencyWords, word);
    return gap == "/";
}

/// "October 2006", "11-13 October 2006", "December 16-17, 2004": a month name before the year,
/// with at most two day numbers between.
bool month_before(const View& v, std::size_t year) {
    std::size_t k = year;
    for (int skipped = 0; skipped <= 2 && k > 0; ++skipped) {
        const std::string signature = gap_signature(v.gap_before(k));
        if (signature != "" && signature != "," && signature != "-" && signature != ".") {
            return false;
        }
        --k;
        if (v.tokens[k].kind == TokenKind::kWord) return contains(kMonths, v.tokens[k].norm);
        const int day = v.number(k, 1, 2);
        if (day < 1 || day > 31) return false;
    }
    return false;
}

/// Turns the groups of linked number tokens of one text into year mentions.
class GroupReader {
public:
    GroupReader(const View& view, const YearRules& rules, std::vector<Mention>& years)
        : v_(view), rules_(rules), years_(years) {}

    /// Reads the group of number tokens [first, last]. After "FY" its years are fiscal years.
    void read(std::size_t first, std::size_t last) {
        if (rejected_by_left(v_, first) || rejected_by_right(v_, last)) return;
        fiscal_ = first > 0 && v_.tokens[first - 1].norm == "fy" &&
                  gap_signature(v_.gap_before(first)).empty();
        const int a = year_at(first);
        switch (last - first + 1) {
            case 1:
                if (a >= 0)
                    emit(first, a,
                         month_before(v_, first) ? MentionForm::kDate : MentionForm::kYear);
                return;
            case 2:
                return read_pair(first, last, a);
            case 3:
                return read_triple(first, last, a);
            default:
                return;  // longer groups are codes, ISBNs, telephone numbers: no years
        }
    }

    /// "FY2019" (one word token) and "FY2020/21": true when token i was such a fiscal year;
    /// `last` is then the last token it used.
    bool read_fiscal_word(std::size_t i, std::size_t& last) {
        const std::string& norm = v_.tokens[i].norm;
        last = i;
        if (norm.size() != 6 || !norm.starts_with("fy") || !is_ascii_digits(norm.substr(2))) {
            return false;
        }
        const int a = std::stoi(norm.substr(2));
        if (a < rules_.min_year || a > rules_.max_year) return false;
        emit_span(i, i, a, MentionForm::kFiscalYear);
        if (i + 1 < v_.tokens.size() && links(v_.gap_after(i))) {
            const int b = year_at(i + 1);
            const int yy = v_.number(i + 1, 2, 2);
            int end = b;
            if (yy >= 0) end = a / 100 * 100 + yy + (a % 100 >= yy ? 100 : 0);
            if (end == a + 1 && end <= rules_.max_year) {
                emit_span(i + 1, i + 1, end, MentionForm::kFiscalYear);
                last = i + 1;
            }
        }
        return true;
    }

    /// "1990s", "1990's", "the mid-2010s", "early 2000s": true when token i starts a decade;
    /// `last` is then the last token it used. Early is years 0-3, mid 4-6, late 7-9.
    bool read_decade(std::size_t i, std::size_t& last) {
        last = i;
        const std::string_view s = v_.surface(i);
        int decade = -1;
        if (s.size() == 5 && s[4] == 's' && is_ascii_digits(s.substr(0, 4)) && s[3] == '0') {
            decade = std::stoi(std::string(s.substr(0, 4)));
        } else if (s.size() == 4 && is_ascii_digits(s) && s[3] == '0' && i + 1 < v_.tokens.size() &&
                   v_.tokens[i + 1].norm == "s" &&
                   gap_signature(v_.gap_after(i)) == "'") {  // "1990's"
            decade = std::stoi(std::string(s));
            last = i + 1;
        }
        if (decade < 0) return false;
        int from = decade, to = decade + 9;
        std::size_t first = i;
        if (i > 0 && v_.tokens[i - 1].kind == TokenKind::kWord) {
            const std::string signature = gap_signature(v_.gap_before(i));
            const std::string& word = v_.tokens[i - 1].norm;
            if (signature.empty() || signature == "-") {
                if (word == "early") to = decade + 3, first = i - 1;
                if (word == "mid") from = decade + 4, to = decade + 6, first = i - 1;
                if (word == "late") from = decade + 7, first = i - 1;
            }
        }
        for (int year = std::max(from, rules_.min_year); year <= std::min(to, rules_.max_year);
             ++year) {
            emit_span(first, last, year, MentionForm::kDecade);
        }
        return true;
    }

    /// "2005 to 2010", "2005 until 2010", "between 2020 and 2022": a range written in words,
    /// read like "2005-2010". True when the three tokens from `first` were such a range.
    bool read_worded_range(std::size_t first) {
        const std::size_t last = first + 2;
        if (last >= v_.tokens.size() || v_.tokens[first + 1].kind != TokenKind::kWord) return false;
        const std::string& word = v_.tokens[first + 1].norm;
        const bool between = first > 0 && v_.tokens[first - 1].norm == "between";
        if (word != "to" && word != "until" && word != "till" && word != "through" &&
            !(word == "and" && between)) {
            return false;
        }
        if (!gap_signature(v_.gap_after(first)).empty() ||
            !gap_signature(v_.gap_after(first + 1)).empty()) {
            return false;
        }
        if (last + 1 < v_.tokens.size() && v_.tokens[last + 1].kind == TokenKind::kNumber &&
            links(v_.gap_after(last))) {
            return false;  // "2005 to 2010-11": not a plain year at the end
        }
        const int a = year_at(first), b = year_at(last);
        if (a < 0 || b <= a || b - a > 100 || rejected_by_left(v_, first) ||
            rejected_by_right(v_, last)) {
            return false;
        }
        fiscal_ = false;
        emit(first, a, MentionForm::kYearRange);
        emit_middle(first, last, a, b);
        emit(last, b, MentionForm::kYearRange);
        return true;
    }

private:
    int year_at(std::size_t i) const {
        const int value = v_.number(i, 4, 4);
        return value >= rules_.min_year && value <= rules_.max_year ? value : -1;
    }

    void emit(std::size_t i, int value, MentionForm form) {
        emit_span(i, i, value, fiscal_ ? MentionForm::kFiscalYear : form);
    }

    /// A year mention that spans tokens [first, last].
    void emit_span(std::size_t first, std::size_t last, int value, MentionForm form) {
        Mention& m = years_.emplace_back();
        m.type = EntityType::kYear;
        m.entity = std::to_string(value);
        m.start = v_.tokens[first].start;
        m.end = v_.tokens[last].end;
        m.surface = std::string(v_.text.substr(m.start, m.end - m.start));
        m.form = form;
    }

    /// The years strictly between the ends of a range, each spanning the whole range.
    void emit_middle(std::size_t first, std::size_t last, int a, int b) {
        if (fiscal_ || b - a > rules_.max_range_span) return;
        for (int year = a + 1; year < b; ++year) {
            emit_span(first, last, year, MentionForm::kRangeMiddle);
        }
    }

    void read_pair(std::size_t first, std::size_t last, int a) {
        const int b = year_at(last);
        const int yy = v_.number(last, 2, 2);
        const int month = v_.number(first, 1, 2);
        if (a >= 0 && b > a && b - a <= 100) {  // "(2015-2018)"
            emit(first, a, MentionForm::kYearRange);
            emit_middle(first, last, a, b);
            emit(last, b, MentionForm::kYearRange);
        } else if (a >= 0 && yy >= 0) {  // "2015-18", "2006/07": the end in the start's century
            int end = a / 100 * 100 + yy;
            if (end <= a) end += 100;
            emit(first, a, MentionForm::kYearRange);
            if (end <= rules_.max_year) {
                emit_middle(first, last, a, end);
                emit(last, end, MentionForm::kYearRange);
            }
        } else if (b >= 0 && month >= 1 && month <= 12) {  // "10/2006"
            emit(last, b, MentionForm::kDate);
        }
    }

    void read_triple(std::size_t first, std::size_t last, int a) {
        const int c = year_at(last);
        const int first_small = v_.number(first, 1, 2);
        const int middle = v_.number(first + 1, 1, 2);
        const int last_small = v_.number(last, 1, 2);
        if (a >= 0 && middle >= 1 && middle <= 12 && last_small >= 1 && last_small <= 31) {
            emit(first, a, MentionForm::kDate);  // "2006-10-11"
        } else if (c >= 0 && first_small >= 1 && first_small <= 31 && middle >= 1 && middle <= 31) {
            emit(last, c, MentionForm::kDate);  // "11/10/2006", "10/11/2006"
        }
    }

    const View& v_;
    const YearRules& rules_;
    std::vector<Mention>& years_;
    bool fiscal_ = false;  ///< the group being read follows "FY"
};

}  // namespace

YearExtractor::YearExtractor(YearRules rules) : rules_(rules) {}

std::vector<Mention> YearExtractor::extract(std::string_view text,
                                            const TokenStream& tokens) const {
    std::vector<Mention> years;
    const View v{text, tokens};
    GroupReader reader(v, rules_, years);
    for (std::size_t i = 0; i < tokens.size();) {
        std::size_t used = i;
        if (tokens[i].kind != TokenKind::kNumber) {
            if (tokens[i].norm.starts_with("fy")) reader.read_fiscal_word(i, used);
            i = used + 1;
            continue;
        }
        if (reader.read_decade(i, used)) {
            i = used + 1;
            continue;
        }
        // Numbers joined by dashes or slashes are read as one group: a range, a date or a code.
        std::size_t last = i;
        while (last + 1 < tokens.size() && tokens[last + 1].kind == TokenKind::kNumber &&
               links(v.gap_after(last))) {
            ++last;
        }
        if (last == i && reader.read_worded_range(i)) {
            i += 3;
            continue;
        }
        reader.read(i, last);
        i = last + 1;
    }
    return years;
}

}  // namespace consulta
