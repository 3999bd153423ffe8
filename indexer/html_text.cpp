#include "indexer/html_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>

namespace consulta {

namespace {

// ---------------------------------------------------------------------------------------------
// Characters and entities

bool is_html_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_alnum(char c) {
    return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ascii_lowercase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
}

bool iequals_prefix(std::string_view text, std::size_t pos, std::string_view prefix) {
    if (text.size() - std::min(pos, text.size()) < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (ascii_lower(text[pos + i]) != prefix[i]) return false;
    }
    return true;
}

// Position of `needle` (lower-case ASCII) in `text` from `pos`, ignoring ASCII case; npos if none.
std::size_t ifind(std::string_view text, std::string_view needle, std::size_t pos) {
    for (; pos < text.size(); ++pos) {
        if (iequals_prefix(text, pos, needle)) return pos;
    }
    return std::string_view::npos;
}

void append_utf8(std::string& out, char32_t cp) {
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

// HTML 4's Latin-1 entities name U+00A0..U+00FF in order, eight to a row.
// clang-format off
constexpr std::array<std::string_view, 96> kLatin1Entities = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",
    "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",
    "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",  "para",   "middot",
    "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
    "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
    "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};
// clang-format on

struct NamedEntity {
    std::string_view name;
    char32_t code_point;
};

// The other entities that documents written by people and word processors actually use.
constexpr NamedEntity kOtherEntities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},    {"OElig", 0x152},   {"oelig", 0x153},   {"Scaron", 0x160},
    {"scaron", 0x161}, {"Yuml", 0x178},    {"Zcaron", 0x17D},  {"zcaron", 0x17E},
    {"fnof", 0x192},   {"circ", 0x2C6},    {"tilde", 0x2DC},   {"ensp", 0x2002},
    {"emsp", 0x2003},  {"thinsp", 0x2009}, {"zwnj", 0x200C},   {"zwj", 0x200D},
    {"lrm", 0x200E},   {"rlm", 0x200F},    {"ndash", 0x2013},  {"mdash", 0x2014},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"sbquo", 0x201A},  {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"bdquo", 0x201E},  {"dagger", 0x2020}, {"Dagger", 0x2021},
    {"bull", 0x2022},  {"hellip", 0x2026}, {"permil", 0x2030}, {"prime", 0x2032},
    {"Prime", 0x2033}, {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"euro", 0x20AC},
    {"trade", 0x2122}, {"larr", 0x2190},   {"rarr", 0x2192},   {"minus", 0x2212},
    {"le", 0x2264},    {"ge", 0x2265},     {"ne", 0x2260},     {"asymp", 0x2248},
};

std::optional<char32_t> named_entity(std::string_view name) {
    static const std::unordered_map<std::string_view, char32_t> table = [] {
        std::unordered_map<std::string_view, char32_t> t;
        for (std::size_t i = 0; i < kLatin1Entities.size(); ++i) {
            t.emplace(kLatin1Entities[i], static_cast<char32_t>(0xA0 + i));
        }
        for (const NamedEntity& e : kOtherEntities) t.emplace(e.name, e.code_point);
        return t;
    }();
    const auto it = table.find(name);
    if (it == table.end()) return std::nullopt;
    return it->second;
}

// HTML5 reads &#128;..&#159; as the windows-1252 characters that pages mean by them.
constexpr std::array<char32_t, 32> kWindows1252C1 = {
    0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
    0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};

char32_t sanitise_code_point(std::uint64_t cp) {
    if (cp >= 0x80 && cp <= 0x9F) return kWindows1252C1[cp - 0x80];
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    return static_cast<char32_t>(cp);
}

// Decodes the character reference at text[pos] == '&'. Returns the bytes consumed (0 when
// this '&' starts no known reference and must stay a literal '&').
std::size_t decode_entity(std::string_view text, std::size_t pos, std::string& out) {
    std::size_t i = pos + 1;
    if (i < text.size() && text[i] == '#') {
        ++i;
        const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
        if (hex) ++i;
        const std::size_t digits_start = i;
        std::uint64_t value = 0;
        // Every digit belongs to the reference (HTML5); a value past U+10FFFF stops growing.
        while (i < text.size()) {
            const char c = text[i];
            int digit = -1;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (hex && c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            if (digit < 0) break;
            if (value <= 0x10FFFF) value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(digit);
            ++i;
        }
        if (i == digits_start) return 0;
        if (i < text.size() && text[i] == ';') ++i;  // browsers accept a missing ';' here
        append_utf8(out, sanitise_code_point(value));
        return i - pos;
    }
    while (i < text.size() && i - pos <= 32 && is_ascii_alnum(text[i])) ++i;
    if (i == pos + 1 || i >= text.size() || text[i] != ';') return 0;
    const auto cp = named_entity(text.substr(pos + 1, i - pos - 1));
    if (!cp) return 0;
    // A non-breaking space joins words for layout; for search and snippets it is a space, and
    // tokenisers and gazetteer phrases then see "South&nbsp;Africa" as "South Africa".
    append_utf8(out, *cp == 0xA0 ? U' ' : *cp);
    return i + 1 - pos;
}

std::string decode_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '&') {
            if (const std::size_t used = decode_entity(text, i, out)) {
                i += used;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

// Collapses whitespace runs to single spaces and trims both ends.
std::string collapse_whitespace(std::string_view text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (is_html_space(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Tags

struct Tag {
    std::string name;  // lower-case
    bool is_end = false;
    std::string_view attributes;  // the raw text between the name and '>'
    std::size_t end = 0;          // position just after '>'
};

// Parses the tag that starts at html[pos] == '<'; nullopt when this '<' starts no tag (a
// literal "a < b"). Quoted attribute values may contain '>'.
std::optional<Tag> parse_tag(std::string_view html, std::size_t pos) {
    std::size_t i = pos + 1;
    Tag tag;
    if (i < html.size() && html[i] == '/') {
        tag.is_end = true;
        ++i;
    }
    if (i >= html.size() || !is_ascii_alpha(html[i])) return std::nullopt;
    const std::size_t name_start = i;
    while (i < html.size() && (is_ascii_alnum(html[i]) || html[i] == '-' || html[i] == ':')) ++i;
    tag.name = ascii_lowercase(html.substr(name_start, i - name_start));
    const std::size_t attributes_start = i;
    char quote = 0;
    for (; i < html.size(); ++i) {
        const char c = html[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            // Only a quote that opens an attribute value counts: "<a title=x'y>" is unquoted.
            if (html[i - 1] == '=' || is_html_space(html[i - 1])) quote = c;
        } else if (c == '>') {
            break;
        }
    }
    if (quote != 0) {
        // An unclosed quote would swallow the rest of the page: end the tag at the first '>'.
        i = html.find('>', attributes_start);
        if (i == std::string_view::npos) i = html.size();
    }
    tag.attributes = html.substr(attributes_start, i - attributes_start);
    tag.end = std::min(i + 1, html.size());
    return tag;
}

// The value of attribute `name` (lower-case) in a tag's raw attribute text, entities undecoded.
std::optional<std::string_view> attribute(std::string_view attributes, std::string_view name) {
    std::size_t i = 0;
    while (i < attributes.size()) {
        while (i < attributes.size() && (is_html_space(attributes[i]) || attributes[i] == '/')) ++i;
        const std::size_t name_start = i;
        while (i < attributes.size() && !is_html_space(attributes[i]) && attributes[i] != '=' &&
               attributes[i] != '/') {
            ++i;
        }
        const std::string key = ascii_lowercase(attributes.substr(name_start, i - name_start));
        while (i < attributes.size() && is_html_space(attributes[i])) ++i;
        std::string_view value;
        if (i < attributes.size() && attributes[i] == '=') {
            ++i;
            while (i < attributes.size() && is_html_space(attributes[i])) ++i;
            if (i < attributes.size() && (attributes[i] == '"' || attributes[i] == '\'')) {
                const char quote = attributes[i++];
                const std::size_t close = attributes.find(quote, i);
                const std::size_t value_end =
                    close == std::string_view::npos ? attributes.size() : close;
                value = attributes.substr(i, value_end - i);
                i = std::min(value_end + 1, attributes.size());
            } else {
                const std::size_t value_start = i;
                while (i < attributes.size() && !is_html_space(attributes[i])) ++i;
                value = attributes.substr(value_start, i - value_start);
            }
        }
        if (key == name) return value;
        if (key.empty() && i == name_start) ++i;  // a stray '=' or quote: never loop forever
    }
    return std::nullopt;
}

enum class Break { kNone, kCell, kLine, kParagraph };

Break break_for(std::string_view tag) {
    static constexpr std::string_view kLines[] = {
        "br", "li", "tr", "div", "dt", "dd", "caption", "option", "figcaption", "summary"};
    static constexpr std::string_view kParagraphs[] = {
        "p",     "h1",       "h2",      "h3",      "h4",      "h5",         "h6",
        "table", "section",  "article", "header",  "footer",  "nav",        "aside",
        "main",  "ul",       "ol",      "dl",      "pre",     "blockquote", "hr",
        "form",  "fieldset", "figure",  "address", "details", "body"};
    const auto in = [&](const auto& list) {
        return std::find(std::begin(list), std::end(list), tag) != std::end(list);
    };
    if (tag == "td" || tag == "th") return Break::kCell;
    if (in(kLines)) return Break::kLine;
    if (in(kParagraphs)) return Break::kParagraph;
    return Break::kNone;
}

// ---------------------------------------------------------------------------------------------
// The converter

class HtmlTextBuilder {
public:
    explicit HtmlTextBuilder(std::string_view html) : html_(html) {}

    HtmlText run() {
        std::size_t pos = 0;
        while (pos < html_.size()) {
            const std::size_t lt = html_.find('<', pos);
            const std::size_t text_end = lt == std::string_view::npos ? html_.size() : lt;
            add_text(html_.substr(pos, text_end - pos));
            if (lt == std::string_view::npos) break;
            pos = markup(lt);
        }
        while (!result_.text.empty() && is_html_space(result_.text.back())) result_.text.pop_back();
        return std::move(result_);
    }

private:
    // Handles the markup at html_[lt] == '<' and returns where text resumes.
    std::size_t markup(std::size_t lt) {
        if (html_.compare(lt, 4, "<!--") == 0) {
            const std::size_t close = html_.find("-->", lt + 4);
            return close == std::string_view::npos ? html_.size() : close + 3;
        }
        if (lt + 1 < html_.size() && (html_[lt + 1] == '!' || html_[lt + 1] == '?')) {
            const std::size_t close = html_.find('>', lt);  // <!DOCTYPE>, <?xml?>, <![CDATA[
            return close == std::string_view::npos ? html_.size() : close + 1;
        }
        const std::optional<Tag> tag = parse_tag(html_, lt);
        if (!tag) {
            add_text(html_.substr(lt, 1));
            return lt + 1;
        }
        if (!tag->is_end && (tag->name == "script" || tag->name == "style" ||
                             tag->name == "template" || tag->name == "title")) {
            return raw_text_element(*tag);
        }
        if (tag->name == "pre") pre_depth_ += tag->is_end ? (pre_depth_ > 0 ? -1 : 0) : 1;
        if (tag->name == "h1") h1_boundary(tag->is_end);
        switch (break_for(tag->name)) {
            case Break::kNone: break;
            case Break::kCell:
                if (!tag->is_end) cell_break();
                break;
            case Break::kLine: line_break(1); break;
            case Break::kParagraph: line_break(2); break;
        }
        return tag->end;
    }

    // Script, style and template content is not text; the title is text kept apart.
    std::size_t raw_text_element(const Tag& tag) {
        const std::string close_tag = "</" + tag.name;
        const std::size_t close = ifind(html_, close_tag, tag.end);
        const std::size_t content_end = close == std::string_view::npos ? html_.size() : close;
        if (tag.name == "title" && result_.title.empty()) {
            result_.title =
                collapse_whitespace(decode_entities(html_.substr(tag.end, content_end - tag.end)));
            if (!result_.title.empty()) {
                line_break(2);
                result_.text += result_.title;
                line_break(2);
            }
        }
        if (close == std::string_view::npos) return html_.size();
        const std::size_t gt = html_.find('>', close);
        return gt == std::string_view::npos ? html_.size() : gt + 1;
    }

    void add_text(std::string_view raw) {
        if (raw.empty()) return;
        const std::string decoded = decode_entities(raw);
        std::string& out = result_.text;
        for (const char c : decoded) {
            if (pre_depth_ > 0) {
                if (c != '\r') out += c;
                continue;
            }
            if (is_html_space(c)) {
                pending_space_ = true;
                continue;
            }
            if (pending_space_ && !out.empty() && out.back() != '\n' && out.back() != '\t') {
                out += ' ';
            }
            pending_space_ = false;
            out += c;
        }
    }

    // Ends the current line with at least `newlines` line feeds (2: a blank line between
    // paragraphs), never at the very start and never more than one blank line in a row.
    void line_break(int newlines) {
        pending_space_ = false;
        std::string& out = result_.text;
        while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
        if (out.empty()) return;
        int have = 0;
        for (auto it = out.rbegin(); it != out.rend() && *it == '\n' && have < 2; ++it) ++have;
        for (; have < newlines; ++have) out += '\n';
    }

    void cell_break() {
        pending_space_ = false;
        std::string& out = result_.text;
        while (!out.empty() && out.back() == ' ') out.pop_back();
        if (!out.empty() && out.back() != '\n' && out.back() != '\t') out += '\t';
    }

    void h1_boundary(bool is_end) {
        if (!is_end) {
            h1_start_ = result_.text.size();
        } else if (h1_start_ && result_.first_h1.empty() && *h1_start_ <= result_.text.size()) {
            result_.first_h1 =
                collapse_whitespace(std::string_view(result_.text).substr(*h1_start_));
            h1_start_.reset();
        }
    }

    std::string_view html_;
    HtmlText result_;
    bool pending_space_ = false;
    int pre_depth_ = 0;
    std::optional<std::size_t> h1_start_;
};

}  // namespace

HtmlText html_to_text(std::string_view html) {
    try {
        return HtmlTextBuilder(html).run();
    } catch (...) {
        return {};  // std::bad_alloc only: nothing else in here throws
    }
}

std::string declared_html_charset(std::string_view html) {
    // HTML5 requires the declaration within the first 1024 bytes; real pages put long
    // comments first, so look a little further.
    const std::string_view head = html.substr(0, 4096);
    for (std::size_t pos = ifind(head, "<meta", 0); pos != std::string_view::npos;
         pos = ifind(head, "<meta", pos + 5)) {
        const std::optional<Tag> tag = parse_tag(head, pos);
        if (!tag || tag->name != "meta") continue;
        if (const auto charset = attribute(tag->attributes, "charset")) {
            return ascii_lowercase(collapse_whitespace(*charset));
        }
        const auto content = attribute(tag->attributes, "content");
        if (!content) continue;
        const std::string lowered = ascii_lowercase(*content);
        const std::size_t at = lowered.find("charset=");
        if (at == std::string::npos) continue;
        std::size_t start = at + 8;
        while (start < lowered.size() && (lowered[start] == '"' || lowered[start] == '\'')) ++start;
        std::size_t end = start;
        while (end < lowered.size() && lowered[end] != ';' && lowered[end] != '"' &&
               lowered[end] != '\'' && !is_html_space(lowered[end])) {
            ++end;
        }
        if (end > start) return lowered.substr(start, end - start);
    }
    return "";
}

DecodedText decode_html_bytes(std::string_view bytes) {
    if (is_valid_utf8(bytes)) return decode_to_utf8(bytes);
    std::string charset = declared_html_charset(bytes);
    // The WHATWG Encoding Standard maps these labels to windows-1252, and pages that declare
    // them do use its curly quotes and euro sign.
    if (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" ||
        charset == "ascii" || charset == "iso8859-1" || charset == "l1") {
        charset = "windows-1252";
    }
    // A page that claims UTF-8 but is not is damaged UTF-8 or mislabelled: let detection decide.
    if (!charset.empty() && charset != "utf-8" && charset != "utf8") {
        if (auto converted = decode_from_charset(bytes, charset)) return *std::move(converted);
    }
    return decode_to_utf8(bytes);
}

}  // namespace consulta
