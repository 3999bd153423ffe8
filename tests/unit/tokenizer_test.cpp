#include "core/text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace consulta {
namespace {

std::vector<std::string> norms(const TokenStream& tokens) {
    std::vector<std::string> out;
    for (const Token& t : tokens) {
        out.push_back(t.norm);
    }
    return out;
}

std::vector<std::string> surfaces(std::string_view text, const TokenStream& tokens) {
    std::vector<std::string> out;
    for (const Token& t : tokens) {
        out.emplace_back(text.substr(t.start, t.end - t.start));
    }
    return out;
}

using Span = std::pair<std::uint32_t, std::uint32_t>;

std::vector<Span> spans(const TokenStream& tokens) {
    std::vector<Span> out;
    for (const Token& t : tokens) {
        out.emplace_back(t.start, t.end);
    }
    return out;
}

std::vector<std::string> tokenize_norms(std::string_view text) {
    Tokenizer tokenizer;
    return norms(tokenizer.tokenize(text));
}

using Norms = std::vector<std::string>;

TEST(Tokenizer, AsciiOffsetsAndPositions) {
    Tokenizer tokenizer;
    const std::string_view text = "Hello, world! The  end.";
    const TokenStream tokens = tokenizer.tokenize(text);
    EXPECT_EQ(norms(tokens), (Norms{"hello", "world", "the", "end"}));
    EXPECT_EQ(spans(tokens), (std::vector<Span>{{0, 5}, {7, 12}, {14, 17}, {19, 22}}));
    for (std::uint32_t i = 0; i < tokens.size(); ++i) {
        EXPECT_EQ(tokens[i].position, i);
    }
}

TEST(Tokenizer, MultibyteOffsetsAreUtf8Bytes) {
    Tokenizer tokenizer;
    const std::string_view text = "Söderköping Process";
    const TokenStream tokens = tokenizer.tokenize(text);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].norm, "soderkoping");
    EXPECT_EQ(spans(tokens), (std::vector<Span>{{0, 13}, {14, 21}}));
    EXPECT_EQ(surfaces(text, tokens), (Norms{"Söderköping", "Process"}));
}

TEST(Tokenizer, SurfacesMatchOffsetsForTwoThreeAndFourByteCharacters) {
    Tokenizer tokenizer;
    const std::string_view text = "São Tomé, Москва 東京 𝐀bc Côte";
    const TokenStream tokens = tokenizer.tokenize(text);
    for (const Token& t : tokens) {
        ASSERT_LE(t.end, text.size());
        EXPECT_LT(t.start, t.end);
    }
    const Norms got = surfaces(text, tokens);
    ASSERT_GE(got.size(), 5u);
    EXPECT_EQ(got.front(), "São");
    EXPECT_EQ(got[1], "Tomé");
    EXPECT_EQ(got[2], "Москва");
    EXPECT_EQ(got.back(), "Côte");
    EXPECT_EQ(tokens.back().start, text.size() - 5);
}

TEST(Tokenizer, EmojiBeforeWordKeepsByteOffsets) {
    Tokenizer tokenizer;
    const std::string_view text = "\U0001F600Botswana and \U0001F30D Lesotho";
    const TokenStream tokens = tokenizer.tokenize(text);
    EXPECT_EQ(norms(tokens), (Norms{"botswana", "and", "lesotho"}));
    EXPECT_EQ(spans(tokens), (std::vector<Span>{{4, 12}, {13, 16}, {22, 29}}));
}

TEST(Tokenizer, DiacriticsAndCaseAreFolded) {
    EXPECT_EQ(tokenize_norms("SÃO TOMÉ Türkiye CÔTE"), (Norms{"sao", "tome", "turkiye", "cote"}));
}

TEST(Tokenizer, ApostropheVariantsInsideWordsGiveOneToken) {
    Tokenizer tokenizer;
    const std::string_view text = "Côte d'Ivoire, Côte d\u2019Ivoire, d\u02BCIvoire";
    const TokenStream tokens = tokenizer.tokenize(text);
    EXPECT_EQ(norms(tokens), (Norms{"cote", "d'ivoire", "cote", "d'ivoire", "d'ivoire"}));
    EXPECT_EQ(surfaces(text, tokens),
              (Norms{"Côte", "d'Ivoire", "Côte", "d\u2019Ivoire", "d\u02BCIvoire"}));
}

TEST(Tokenizer, PossessiveIsCutOffWordAndOffsets) {
    Tokenizer tokenizer;
    const std::string_view text = "Morocco's border, Morocco\u2019s border, MOROCCO'S";
    const TokenStream tokens = tokenizer.tokenize(text);
    EXPECT_EQ(norms(tokens), (Norms{"morocco", "border", "morocco", "border", "morocco"}));
    EXPECT_EQ(spans(tokens),
              (std::vector<Span>{{0, 7}, {10, 16}, {18, 25}, {30, 36}, {38, 45}}));
}

TEST(Tokenizer, BareTrailingApostropheIsDropped) {
    Tokenizer tokenizer;
    const std::string_view text = "the Philippines' policy, the Philippines\u02BC policy";
    const TokenStream tokens = tokenizer.tokenize(text);
    EXPECT_EQ(norms(tokens),
              (Norms{"the", "philippines", "policy", "the", "philippines", "policy"}));
    EXPECT_EQ(tokens[1].start, 4u);
    EXPECT_EQ(tokens[1].end, 15u);
    EXPECT_EQ(tokens[4].end, tokens[4].start + 11);
    EXPECT_EQ(tokens[2].position, 2u);
}

TEST(Tokenizer, PunctuationGivesNoToken) {
    EXPECT_EQ(tokenize_norms("(a) [b]; c... \"d\" — e! ?"), (Norms{"a", "b", "c", "d", "e"}));
}

TEST(Tokenizer, HyphenatedWordsSplit) {
    EXPECT_EQ(tokenize_norms("Guinea-Bissau"), (Norms{"guinea", "bissau"}));
    EXPECT_EQ(tokenize_norms("MiD-IGAD"), (Norms{"mid", "igad"}));
    EXPECT_EQ(tokenize_norms("5+5"), (Norms{"5", "5"}));
    EXPECT_EQ(tokenize_norms("(2015-2018)"), (Norms{"2015", "2018"}));
    EXPECT_EQ(tokenize_norms("2015\u20132018"), (Norms{"2015", "2018"}));  // en dash
}

TEST(Tokenizer, HyphenatedOffsets) {
    Tokenizer tokenizer;
    const TokenStream tokens = tokenizer.tokenize("Guinea-Bissau");
    EXPECT_EQ(spans(tokens), (std::vector<Span>{{0, 6}, {7, 13}}));
    EXPECT_EQ(tokens[1].position, 1u);
}

TEST(Tokenizer, NumbersWithSeparatorsStayOneToken) {
    Tokenizer tokenizer;
    const TokenStream tokens = tokenizer.tokenize("120,000 migrants, 3.5 percent in 2006");
    EXPECT_EQ(norms(tokens), (Norms{"120,000", "migrants", "3.5", "percent", "in", "2006"}));
    EXPECT_EQ(tokens[0].kind, TokenKind::kNumber);
    EXPECT_EQ(tokens[1].kind, TokenKind::kWord);
    EXPECT_EQ(tokens[2].kind, TokenKind::kNumber);
    EXPECT_EQ(tokens[5].kind, TokenKind::kNumber);
    EXPECT_EQ(spans(tokens)[0], Span(0, 7));
}

TEST(Tokenizer, KindFollowsFirstCharacter) {
    Tokenizer tokenizer;
    const TokenStream tokens = tokenizer.tokenize("2nd IGAD G20 \uFF12\uFF10\uFF10\uFF16");
    ASSERT_EQ(tokens.size(), 4u);
    EXPECT_EQ(tokens[0].kind, TokenKind::kNumber);
    EXPECT_EQ(tokens[1].kind, TokenKind::kWord);
    EXPECT_EQ(tokens[2].kind, TokenKind::kWord);
    EXPECT_EQ(tokens[3].kind, TokenKind::kNumber);  // full-width digits
    EXPECT_EQ(tokens[3].norm, "2006");
}

TEST(Tokenizer, EmptyAndWhitespaceOnlyGiveNothing) {
    Tokenizer tokenizer;
    EXPECT_TRUE(tokenizer.tokenize("").empty());
    EXPECT_TRUE(tokenizer.tokenize(std::string_view()).empty());
    EXPECT_TRUE(tokenizer.tokenize(" \t\r\n  \u00A0\u3000").empty());
    EXPECT_TRUE(tokenizer.tokenize("... -- !?").empty());
}

TEST(Tokenizer, ReplacementCharacterSplitsAndYieldsNoToken) {
    Tokenizer tokenizer;
    const std::string_view text = "abc\uFFFDdef \uFFFD\uFFFD ghi";
    const TokenStream tokens = tokenizer.tokenize(text);
    EXPECT_EQ(norms(tokens), (Norms{"abc", "def", "ghi"}));
    EXPECT_EQ(spans(tokens), (std::vector<Span>{{0, 3}, {6, 9}, {17, 20}}));
}

TEST(Tokenizer, ByteOrderMarkYieldsNoToken) {
    Tokenizer tokenizer;
    const TokenStream tokens = tokenizer.tokenize("\uFEFFHello \uFEFF world");
    EXPECT_EQ(norms(tokens), (Norms{"hello", "world"}));
    EXPECT_EQ(tokens[0].start, 3u);
    EXPECT_EQ(tokens[0].end, 8u);
    EXPECT_EQ(tokens[1].position, 1u);
}

TEST(Tokenizer, CompatibilityFormsAreNormalised) {
    Tokenizer tokenizer;
    const std::string_view text = "\uFB01nance \uFF29\uFF2F\uFF2D";
    const TokenStream tokens = tokenizer.tokenize(text);
    EXPECT_EQ(norms(tokens), (Norms{"finance", "iom"}));
    EXPECT_EQ(spans(tokens), (std::vector<Span>{{0, 8}, {9, 18}}));
}

TEST(Tokenizer, LongWordNormIsCutAt64Bytes) {
    Tokenizer tokenizer;
    const std::string word(100, 'A');
    const TokenStream tokens = tokenizer.tokenize("x " + word + " y");
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(tokens[1].norm, std::string(64, 'a'));
    EXPECT_EQ(tokens[1].start, 2u);
    EXPECT_EQ(tokens[1].end, 102u);  // offsets still cover the whole word
    EXPECT_EQ(tokens[2].position, 2u);
}

TEST(Tokenizer, LongMultibyteWordIsCutOnCharacterBoundary) {
    Tokenizer tokenizer;
    std::string word = "a";
    for (int i = 0; i < 40; ++i) {
        word += "\u0416";  // Ж, two bytes
    }
    const TokenStream tokens = tokenizer.tokenize(word);
    ASSERT_EQ(tokens.size(), 1u);
    std::string expected = "a";
    for (int i = 0; i < 31; ++i) {
        expected += "\u0436";  // ж
    }
    EXPECT_EQ(tokens[0].norm, expected);  // 63 bytes: a 64th would split a character
    EXPECT_EQ(tokens[0].end, word.size());
}

TEST(Tokenizer, InvalidUtf8DoesNotCrash) {
    Tokenizer tokenizer;
    const std::string_view text = "ab\xFF\xFE" "cd \xC3 ef\xE2\x82";
    const TokenStream tokens = tokenizer.tokenize(text);
    EXPECT_EQ(norms(tokens), (Norms{"ab", "cd", "ef"}));
    for (const Token& t : tokens) {
        EXPECT_LE(t.end, text.size());
    }
}

TEST(Tokenizer, IsReusableAndMovable) {
    Tokenizer first;
    const TokenStream a = first.tokenize("Puebla Process");
    const TokenStream b = first.tokenize("Puebla Process");
    EXPECT_EQ(norms(a), norms(b));
    Tokenizer second = std::move(first);
    EXPECT_EQ(norms(second.tokenize("Puebla Process")), (Norms{"puebla", "process"}));
}

}  // namespace
}  // namespace consulta
