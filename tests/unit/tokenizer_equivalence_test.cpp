// Differential test of Tokenizer::tokenize() (ASCII fast path + ICU on non-ASCII runs) against
// Tokenizer::tokenize_with_icu_only() (ICU's word BreakIterator over the whole text): the two must
// give identical tokens (norm, start, end, position, kind) on every input; and Tokenizer::spans()
// their offsets and positions.
#include "core/text/tokenizer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace consulta {
namespace {

namespace fs = std::filesystem;

std::string escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if (b == '\\') {
            out += "\\\\";
        } else if (b < 0x20 || b == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", b);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

std::string describe(const TokenStream& tokens) {
    std::ostringstream out;
    for (const Token& t : tokens) {
        out << "  [" << t.position << "] " << t.start << "-" << t.end << " \"" << escape(t.norm)
            << "\" " << (t.kind == TokenKind::kNumber ? "number" : "word") << "\n";
    }
    return out.str();
}

bool same(const TokenStream& a, const TokenStream& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].norm != b[i].norm || a[i].start != b[i].start || a[i].end != b[i].end ||
            a[i].position != b[i].position || a[i].kind != b[i].kind) {
            return false;
        }
    }
    return true;
}

/// Asserts tokenize() == tokenize_with_icu_only() on text, and spans() their offsets; label names the input on failure.
::testing::AssertionResult equivalent(Tokenizer& tokenizer, std::string_view text,
                                      std::string_view label = {}) {
    const TokenStream fast = tokenizer.tokenize(text);
    const TokenStream icu = tokenizer.tokenize_with_icu_only(text);
    // spans() is tokenize() without the norms: the same offsets and positions.
    TokenSpans want;
    for (const Token& t : icu) want.push_back({t.start, t.end, t.position});
    const bool spans_same = tokenizer.spans(text) == want;
    if (same(fast, icu) && spans_same) {
        return ::testing::AssertionSuccess();
    }
    auto failure = ::testing::AssertionFailure();
    if (!spans_same) failure << "spans() differs from the tokens' offsets and positions\n";
    if (!label.empty()) {
        failure << "input " << label << "\n";
    }
    if (text.size() <= 2000) {
        failure << "text: \"" << escape(text) << "\"\n";
    }
    return failure << "tokenize():\n" << describe(fast) << "tokenize_with_icu_only():\n"
                   << describe(icu);
}

TEST(TokenizerEquivalence, TrickyStrings) {
    const std::vector<std::string> cases = {
        "U.S.", "e.g.", "120,000", "3.5", "1990's", "a:b", "don't", "rock'n'roll", "a_b",
        "x.y.z", "5+5", "Guinea-Bissau", "co-operation", "'quoted'", "end.", "...", "1,2,3",
        "A.1", "v2.0", "it's", "O'Neil's", "---", "a\tb\t\tc", "line one\r\nline two\r\n",
        "a\fb\vc", "x\r\ny\n\rz", "'", " ' ", "_", " _ ", "__", "_a", "a_", "_1_", "2nd",
        "COVID-19", "http://x.org/a_b?c=1", "mailto:jane.doe@iom.int", "jane_doe@x.co.uk",
        "IOM\u2019s", "S\u00F6derk\u00F6ping", "C\u00F4te d\u2019Ivoire", "co\u00ADoperation",
        "co \u00ADoperation", "a\u200Db", "a \u200Db", "\u200D\U0001F600", "a \u200D\U0001F600",
        "\U0001F600", "\U0001F468\u200D\U0001F469\u200D\U0001F467 family", "e\u0301t\u00E9",
        "a \u0301b", "x \u0301\u0301 y", "1,2;3.4'5", "a.b'c:d", "1.a", "a.1", "a1.2", "1a.b",
        "a..b", "1,,2", "a.'b", "Morocco's border", "MOROCCO'S", "Philippines'", "the 'word's'",
        "5'", "s's", "'s", "a's'", "A.B.C.", ".5", "5.", "$5.00", "10%", "#hashtag", "@user",
        "C++", "C#", "3:30pm", "a;b", "1;2", "a,b", "\x01\x02" "abc\x7F", std::string("a\0b", 3),
        "Hello,\u00A0world", "word\u3000word", "\uFEFFHello", "abc\uFFFDdef", "ab\xFF\xFE" "cd",
        std::string(100, 'A'), std::string(70, '7') + "x", "x " + std::string(65, '_') + " y",
    };
    Tokenizer tokenizer;
    for (const std::string& text : cases) {
        EXPECT_TRUE(equivalent(tokenizer, text));
        // The same string embedded in context, and doubled.
        EXPECT_TRUE(equivalent(tokenizer, "In the " + text + " report."));
        EXPECT_TRUE(equivalent(tokenizer, text + text));
    }
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(TokenizerEquivalence, CorpusAndTestDataFiles) {
    const fs::path data = CONSULTA_TEST_DATA_DIR;
    const std::vector<fs::path> roots = {data.parent_path().parent_path() / "corpus", data};
    Tokenizer tokenizer;
    std::size_t files = 0;
    for (const fs::path& root : roots) {
        ASSERT_TRUE(fs::is_directory(root)) << root;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (!entry.is_regular_file()) {
                continue;
            }
            // Every file, binary ones (PDFs) included: invalid UTF-8 must agree too.
            const std::string text = read_file(entry.path());
            EXPECT_TRUE(equivalent(tokenizer, text, entry.path().string()));
            ++files;
        }
    }
    EXPECT_GE(files, 10u);
}

/// Random text over ASCII letters, digits, all punctuation and whitespace, and a few non-ASCII
/// characters that interact with word breaks. Deterministic: fixed seed, no std distributions.
class RandomText {
public:
    explicit RandomText(std::uint32_t seed) : rng_(seed) {}

    std::string next() {
        const std::size_t length = pick(40);
        // A third of the strings stay pure ASCII, so the scanner sees whole texts on its own.
        const bool ascii_only = pick(3) == 0;
        std::string s;
        for (std::size_t i = 0; i < length; ++i) {
            const std::size_t r = pick(100);
            if (r < 30) {
                s += static_cast<char>((pick(2) ? 'a' : 'A') + pick(26));
            } else if (r < 45) {
                s += static_cast<char>('0' + pick(10));
            } else if (r < 60) {
                s += kJoiners[pick(kJoiners.size())];
            } else if (r < 75) {
                s += kPunctuation[pick(kPunctuation.size())];
            } else if (r < 90 || ascii_only) {
                s += kSpaces[pick(kSpaces.size())];
            } else {
                s += kNonAscii[pick(std::size(kNonAscii))];
            }
        }
        return s;
    }

private:
    static constexpr std::string_view kJoiners = ".',;:_";
    static constexpr std::string_view kPunctuation = "!\"#$%&()*+-/<=>?@[\\]^`{|}~.',;:_";
    static constexpr std::string_view kSpaces = std::string_view(" \t\n\r\f\v  ", 8);
    static constexpr const char* kNonAscii[] = {
        "\u00E9", "\u2019", "\u00AD", "\u200D", "\u0301", "\U0001F600", "\u00A0", "\u02BC",
    };

    std::size_t pick(std::size_t n) { return rng_() % n; }

    std::mt19937 rng_;
};

TEST(TokenizerEquivalence, RandomStrings) {
    RandomText random(20261123);
    Tokenizer tokenizer;
    int failures = 0;
    for (int i = 0; i < 20000 && failures < 20; ++i) {
        const std::string text = random.next();
        const auto result = equivalent(tokenizer, text);
        EXPECT_TRUE(result);
        failures += result ? 0 : 1;
    }
}

/// The premise of the fast path: ICU never joins a word across ASCII whitespace, so tokenising
/// each whitespace-separated run alone (offsets shifted) gives what ICU gives on the whole text.
TEST(TokenizerEquivalence, RunsAloneMatchRunsInContext) {
    RandomText random(7);
    Tokenizer tokenizer;
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    int failures = 0;
    for (int i = 0; i < 5000 && failures < 20; ++i) {
        const std::string text = random.next();
        TokenStream pieces;
        for (std::size_t pos = 0; pos < text.size();) {
            if (is_space(text[pos])) {
                ++pos;
                continue;
            }
            std::size_t end = pos;
            while (end < text.size() && !is_space(text[end])) {
                ++end;
            }
            for (Token t : tokenizer.tokenize_with_icu_only(std::string_view(text).substr(pos, end - pos))) {
                t.start += static_cast<std::uint32_t>(pos);
                t.end += static_cast<std::uint32_t>(pos);
                t.position = static_cast<std::uint32_t>(pieces.size());
                pieces.push_back(std::move(t));
            }
            pos = end;
        }
        const TokenStream whole = tokenizer.tokenize_with_icu_only(text);
        const bool ok = same(pieces, whole);
        EXPECT_TRUE(ok) << "text: \"" << escape(text) << "\"\nruns alone:\n"
                        << describe(pieces) << "whole text:\n" << describe(whole);
        failures += ok ? 0 : 1;
    }
}

}  // namespace
}  // namespace consulta
