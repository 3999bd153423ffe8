#include "core/text/encoding.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace consulta {
namespace {

using namespace std::string_literals;

TEST(Encoding, ValidUtf8IsKeptByteForByteWithItsBom) {
    const std::string bytes =
        "\xEF\xBB\xBF"
        "Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\r\n";
    const DecodedText decoded = decode_to_utf8(bytes);
    EXPECT_EQ(decoded.text, bytes);
    EXPECT_EQ(decoded.source_encoding, "UTF-8");
    EXPECT_EQ(decoded.replaced, 0u);
}

TEST(Encoding, EmptyInputIsEmptyUtf8) {
    const DecodedText decoded = decode_to_utf8("");
    EXPECT_EQ(decoded.text, "");
    EXPECT_EQ(decoded.source_encoding, "UTF-8");
    EXPECT_EQ(decoded.replaced, 0u);
}

TEST(Encoding, Windows1252SmartQuotesEuroAndAccentsAreConverted) {
    const DecodedText decoded = decode_to_utf8(
        "\x93Smart quotes\x94 at the caf\xE9 cost \x80"
        "5.");
    EXPECT_EQ(decoded.text,
              "\xE2\x80\x9CSmart quotes\xE2\x80\x9D at the caf\xC3\xA9 cost \xE2\x82\xAC"
              "5.");
    EXPECT_EQ(decoded.source_encoding, "windows-1252");
    EXPECT_EQ(decoded.replaced, 0u);
}

TEST(Encoding, Latin1DetectionIsReadAsWindows1252) {
    // Long enough for the detector to say ISO-8859-1 with confidence; windows-1252 reads every
    // one of these bytes the same way and also knows 0x80-0x9F.
    const std::string latin1 =
        "Die Delegierten trafen sich in S\xF6"
        "derk\xF6ping und sprachen \xFC"
        "ber Migration "
        "und die \xDC"
        "berwachung der Au\xDF"
        "engrenzen. Sch\xF6ne Gr\xFC\xDF"
        "e aus M\xFCnchen.";
    const DecodedText decoded = decode_to_utf8(latin1);
    EXPECT_EQ(decoded.source_encoding, "windows-1252");
    EXPECT_EQ(decoded.text,
              "Die Delegierten trafen sich in S\xC3\xB6"
              "derk\xC3\xB6ping und sprachen \xC3\xBC"
              "ber Migration und die \xC3\x9C"
              "berwachung der Au\xC3\x9F"
              "engrenzen. "
              "Sch\xC3\xB6ne Gr\xC3\xBC\xC3\x9F"
              "e aus M\xC3\xBCnchen.");
}

TEST(Encoding, ShortLegacyTextWithNoUtf8ReadingIsWindows1252) {
    // One high byte is too little for the detector; it forms no UTF-8 either.
    const DecodedText decoded = decode_to_utf8("Caf\xE9");
    EXPECT_EQ(decoded.text, "Caf\xC3\xA9");
    EXPECT_EQ(decoded.source_encoding, "windows-1252");
    EXPECT_EQ(decoded.replaced, 0u);
}

TEST(Encoding, ClearlyDetectedCyrillicCharsetIsConverted) {
    // "Региональная конференция по миграции собралась в Москве." in windows-1251.
    const std::string cp1251 =
        "\xD0\xE5\xE3\xE8\xEE\xED\xE0\xEB\xFC\xED\xE0\xFF \xEA\xEE\xED\xF4\xE5\xF0\xE5\xED\xF6"
        "\xE8\xFF \xEF\xEE \xEC\xE8\xE3\xF0\xE0\xF6\xE8\xE8 \xF1\xEE\xE1\xF0\xE0\xEB\xE0\xF1\xFC "
        "\xE2 \xCC\xEE\xF1\xEA\xE2\xE5.";
    const DecodedText decoded = decode_to_utf8(cp1251);
    EXPECT_EQ(decoded.source_encoding, "windows-1251");
    EXPECT_EQ(decoded.text,
              "\xD0\xA0\xD0\xB5\xD0\xB3\xD0\xB8\xD0\xBE\xD0\xBD\xD0\xB0\xD0\xBB\xD1\x8C\xD0\xBD"
              "\xD0\xB0\xD1\x8F \xD0\xBA\xD0\xBE\xD0\xBD\xD1\x84\xD0\xB5\xD1\x80\xD0\xB5\xD0\xBD"
              "\xD1\x86\xD0\xB8\xD1\x8F \xD0\xBF\xD0\xBE \xD0\xBC\xD0\xB8\xD0\xB3\xD1\x80\xD0\xB0"
              "\xD1\x86\xD0\xB8\xD0\xB8 \xD1\x81\xD0\xBE\xD0\xB1\xD1\x80\xD0\xB0\xD0\xBB\xD0\xB0"
              "\xD1\x81\xD1\x8C \xD0\xB2 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB5.");
    EXPECT_EQ(decoded.replaced, 0u);
}

TEST(Encoding, DamagedUtf8KeepsItsGoodPartsAndCountsReplacements) {
    const DecodedText decoded = decode_to_utf8("Caf\xC3\xA9 na\xC3\xAFve \xFF and \xE2\x82 end");
    EXPECT_EQ(decoded.text, "Caf\xC3\xA9 na\xC3\xAFve \xEF\xBF\xBD and \xEF\xBF\xBD end");
    EXPECT_EQ(decoded.source_encoding, "UTF-8");
    EXPECT_EQ(decoded.replaced, 2u);
}

TEST(Encoding, OneReplacementPerMaximalIllFormedSubpart) {
    // A cut-off 4-byte emoji is one error, not three; the ASCII after it survives.
    const DecodedText truncated = decode_to_utf8(
        "\xF0\x9F\x98"
        "a \xC3\xA9");
    EXPECT_EQ(truncated.text,
              "\xEF\xBF\xBD"
              "a \xC3\xA9");
    EXPECT_EQ(truncated.replaced, 1u);
    // A lone cut-off sequence is still damaged UTF-8, not two windows-1252 characters.
    const DecodedText alone = decode_to_utf8("\xE2\x82");
    EXPECT_EQ(alone.text, "\xEF\xBF\xBD");
    EXPECT_EQ(alone.replaced, 1u);
}

TEST(Encoding, Utf16WithBomIsConverted) {
    const std::string utf16le =
        "\xFF\xFE"
        "h\0\xE9\0l\0l\0o\0"s;
    const DecodedText decoded = decode_to_utf8(utf16le);
    EXPECT_EQ(decoded.text, "h\xC3\xA9llo");
    EXPECT_EQ(decoded.source_encoding, "UTF-16LE");
    const DecodedText big_endian = decode_to_utf8("\xFE\xFF\0h\0i"s);
    EXPECT_EQ(big_endian.text, "hi");
    EXPECT_EQ(big_endian.source_encoding, "UTF-16BE");
}

TEST(Encoding, IsValidUtf8FollowsTheUnicodeTable) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ASCII"));
    EXPECT_TRUE(is_valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"));
    EXPECT_TRUE(is_valid_utf8("nul \0 is ASCII"s));
    EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xC3"));              // cut off
    EXPECT_FALSE(is_valid_utf8("\x80"));              // a lone continuation byte
    EXPECT_FALSE(is_valid_utf8("\xFE\xFF"));
}

TEST(Encoding, LooksBinaryOnNulBytesAndControlCharacters) {
    EXPECT_FALSE(looks_binary(""));
    EXPECT_FALSE(looks_binary("A report.\n\tIndented.\r\n\fNext page.\n"));
    EXPECT_FALSE(looks_binary("Caf\xE9 \x93quoted\x94"));  // legacy text is text
    EXPECT_TRUE(looks_binary("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s));
    EXPECT_TRUE(looks_binary("text with one \0 byte"s));
    EXPECT_TRUE(looks_binary("\x01\x02\x03\x04 abc \x05\x06\x07\x08"));
    EXPECT_FALSE(looks_binary("\xFF\xFEh\0i\0"s));  // UTF-16 with a BOM
}

TEST(Encoding, RandomBytesNeverThrowAndAlwaysGiveValidUtf8) {
    std::mt19937 random(20240611);
    for (int round = 0; round < 3000; ++round) {
        std::string bytes(random() % 200, '\0');
        const unsigned mode = random() % 3;
        for (char& c : bytes) {
            const unsigned r = random();
            if (mode == 0)
                c = static_cast<char>(r);  // anything
            else if (mode == 1)
                c = static_cast<char>(0x80 | (r & 0x7F));  // high bytes only
            else
                c = (r % 4 != 0) ? static_cast<char>('a' + r % 26)
                                 : static_cast<char>(0x80 + r % 128);
        }
        const DecodedText decoded = decode_to_utf8(bytes);
        ASSERT_TRUE(is_valid_utf8(decoded.text)) << "round " << round;
        ASSERT_FALSE(decoded.source_encoding.empty());
        (void)looks_binary(bytes);
    }
}

}  // namespace
}  // namespace consulta
