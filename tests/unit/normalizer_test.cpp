#include "core/text/normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace consulta {
namespace {

TEST(Normaliser, AsciiIsLowerCased) {
    EXPECT_EQ(normalise_term("Botswana"), "botswana");
    EXPECT_EQ(normalise_term("MIDSA"), "midsa");
    EXPECT_EQ(normalise_term("MiD-IGAD 2006"), "mid-igad 2006");
    EXPECT_EQ(normalise_term("d'Ivoire"), "d'ivoire");
}

TEST(Normaliser, EmptyStaysEmpty) {
    EXPECT_EQ(normalise_term(""), "");
}

TEST(Normaliser, DiacriticsAreFolded) {
    EXPECT_EQ(normalise_term("Söderköping"), "soderkoping");
    EXPECT_EQ(normalise_term("Côte"), "cote");
    EXPECT_EQ(normalise_term("São Tomé"), "sao tome");
    EXPECT_EQ(normalise_term("Türkiye"), "turkiye");
    EXPECT_EQ(normalise_term("Curaçao"), "curacao");
    EXPECT_EQ(normalise_term("Åland"), "aland");
}

TEST(Normaliser, DecomposedAndPrecomposedInputAgree) {
    // "o" + U+0308 COMBINING DIAERESIS versus U+00F6.
    EXPECT_EQ(normalise_term("So\u0308derko\u0308ping"), "soderkoping");
    EXPECT_EQ(normalise_term("S\u00F6derk\u00F6ping"), "soderkoping");
}

TEST(Normaliser, SoderkopingSpellingsMatch) {
    EXPECT_EQ(normalise_term("Söderköping Process"), normalise_term("Soderkoping Process"));
}

TEST(Normaliser, FullCaseFolding) {
    EXPECT_EQ(normalise_term("STRASSE"), "strasse");
    EXPECT_EQ(normalise_term("Straße"), "strasse");
    EXPECT_EQ(normalise_term("ÉTAT"), "etat");
    EXPECT_EQ(normalise_term("ΣΟΦΙΑ"), "σοφια");
    EXPECT_EQ(normalise_term("İstanbul"), "istanbul");
}

TEST(Normaliser, CompatibilityFormsAreUnified) {
    EXPECT_EQ(normalise_term("\uFB01nance"), "finance");     // ﬁ ligature
    EXPECT_EQ(normalise_term("\uFF29\uFF2F\uFF2D"), "iom");  // full-width ＩＯＭ
    EXPECT_EQ(normalise_term("\uFF12\uFF10\uFF10\uFF16"), "2006");
}

TEST(Normaliser, TypographicApostrophesBecomeAscii) {
    EXPECT_EQ(normalise_term("d\u2019Ivoire"), "d'ivoire");
    EXPECT_EQ(normalise_term("d\u2018Ivoire"), "d'ivoire");
    EXPECT_EQ(normalise_term("d\u02BCIvoire"), "d'ivoire");
    EXPECT_EQ(normalise_term("C\u00F4te d\u2019Ivoire"), "cote d'ivoire");
}

TEST(Normaliser, IgnorableFormatCharactersVanish) {
    EXPECT_EQ(normalise_term("inter\u00ADnational"), "international");  // soft hyphen
    EXPECT_EQ(normalise_term("wor\uFEFFld"), "world");
}

TEST(Normaliser, NonLatinScriptsSurvive) {
    EXPECT_EQ(normalise_term("Москва"), "москва");
    EXPECT_EQ(normalise_term("東京"), "東京");
    EXPECT_EQ(normalise_term("한국"), "한국");  // Hangul recomposes after NFD
}

TEST(Normaliser, IsIdempotent) {
    for (const char* s : {"Söderköping", "Straße", "\uFB01nance", "İstanbul", "d\u2019Ivoire",
                          "한국", "ǅemal"}) {
        const std::string once = normalise_term(s);
        EXPECT_EQ(normalise_term(once), once) << s;
    }
}

TEST(Normaliser, InvalidUtf8DoesNotCrashAndGivesValidUtf8) {
    EXPECT_EQ(normalise_term("ab\xFF" "cd\xC3"), "ab\uFFFDcd\uFFFD");
}

TEST(Normaliser, IsThreadSafe) {
    std::vector<std::thread> threads;
    std::vector<int> failures(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t, &failures] {
            for (int i = 0; i < 2000; ++i) {
                if (normalise_term("São Tomé") != "sao tome") {
                    ++failures[t];
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace consulta
