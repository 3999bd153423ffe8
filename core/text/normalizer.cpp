#include "core/text/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <cstring>

namespace consulta {
namespace {

/// The three ICU normalisers the folding chain needs. ICU owns them; Normalizer2 instances are
/// immutable and thread-safe, so one set serves every thread.
struct Normalizers {
    const icu::Normalizer2* nfkc_casefold = nullptr;
    const icu::Normalizer2* nfd = nullptr;
    const icu::Normalizer2* nfc = nullptr;
    bool ok = false;
};

const Normalizers& normalizers() {
    // Initialised once (thread-safe static) and never written again.
    static const Normalizers instance = [] {
        Normalizers n;
        UErrorCode status = U_ZERO_ERROR;
        n.nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
        n.nfd = icu::Normalizer2::getNFDInstance(status);
        n.nfc = icu::Normalizer2::getNFCInstance(status);
        n.ok = U_SUCCESS(status) && n.nfkc_casefold && n.nfd && n.nfc;
        return n;
    }();
    return instance;
}

bool is_ascii(std::string_view s) {
    // Eight bytes at a time: this check runs on every indexed word.
    const char* p = s.data();
    std::size_t n = s.size();
    std::uint64_t acc = 0;
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t chunk;
        std::memcpy(&chunk, p, 8);
        acc |= chunk;
    }
    for (; n > 0; ++p, --n) {
        acc |= static_cast<unsigned char>(*p);
    }
    return (acc & 0x8080808080808080ULL) == 0;
}

void append_ascii_lower(std::string_view s, std::string& out) {
    const std::size_t base = out.size();
    out.resize(base + s.size());
    char* dst = out.data() + base;
    for (char c : s) {
        *dst++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
}

bool is_apostrophe_variant(UChar c) {
    return c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

void map_apostrophes(icu::UnicodeString& s) {
    for (int32_t i = 0; i < s.length(); ++i) {
        if (is_apostrophe_variant(s.charAt(i))) {
            s.setCharAt(i, u'\'');
        }
    }
}

/// Removes nonspacing marks (general category Mn) from NFD text: that is what turns
/// "Söderköping" into "soderkoping" once recomposed.
void drop_nonspacing_marks(const icu::UnicodeString& in, icu::UnicodeString& out) {
    out.remove();
    const int32_t length = in.length();
    for (int32_t i = 0; i < length;) {
        const UChar32 c = in.char32At(i);
        const int32_t next = in.moveIndex32(i, 1);
        if (u_charType(c) != U_NON_SPACING_MARK) {
            out.append(in, i, next - i);
        }
        i = next;
    }
}

}  // namespace

std::string normalise_term(std::string_view utf8) {
    std::string out;
    if (is_ascii(utf8)) {
        // NFKC_Casefold of ASCII is ASCII lower-casing: skip ICU on the indexing hot path.
        append_ascii_lower(utf8, out);
        return out;
    }
    const Normalizers& n = normalizers();
    if (!n.ok) {
        // No ICU data: degrade to the ASCII part of the folding rather than fail.
        append_ascii_lower(utf8, out);
        return out;
    }
    // Invalid UTF-8 becomes U+FFFD here, so the output is valid UTF-8 whatever the input.
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    map_apostrophes(text);

    // NFKC_Casefold first, because compatibility mappings and case folding can themselves
    // introduce combining marks ("İ" folds to "i" + U+0307); then NFD exposes every mark, the
    // marks go, and NFC recomposes what is left (Hangul jamo, spacing marks).
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = n.nfkc_casefold->normalize(text, status);
    icu::UnicodeString decomposed = n.nfd->normalize(folded, status);
    drop_nonspacing_marks(decomposed, text);
    icu::UnicodeString composed = n.nfc->normalize(text, status);
    if (U_FAILURE(status)) {
        append_ascii_lower(utf8, out);
        return out;
    }
    composed.toUTF8String(out);
    return out;
}

}  // namespace consulta
