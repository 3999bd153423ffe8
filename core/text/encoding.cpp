#include "core/text/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace consulta {

namespace {

constexpr char kReplacementUtf8[] = "\xEF\xBF\xBD";  // U+FFFD

// The charset detector needs a sample, not the whole file: statistics settle within a few
// kilobytes and a 100 MB file would otherwise be scanned twice.
constexpr std::size_t kDetectionSample = 64 * 1024;
// looks_binary() inspects this many leading bytes.
constexpr std::size_t kBinarySample = 8 * 1024;

// What a lead byte promises: the sequence length (0: never a lead byte, 1: ASCII) and the
// allowed range of the second byte, narrower after E0, ED, F0 and F4.
struct LeadByte {
    std::size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
};

LeadByte classify_lead_byte(unsigned char b0) {
    if (b0 < 0x80) return {1};
    if (b0 >= 0xC2 && b0 <= 0xDF) return {2};
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        return {3, static_cast<unsigned char>(b0 == 0xE0 ? 0xA0 : 0x80),   // overlong
                static_cast<unsigned char>(b0 == 0xED ? 0x9F : 0xBF)};     // surrogates
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        return {4, static_cast<unsigned char>(b0 == 0xF0 ? 0x90 : 0x80),   // overlong
                static_cast<unsigned char>(b0 == 0xF4 ? 0x8F : 0xBF)};     // above U+10FFFF
    }
    return {0};
}

// Length of the well-formed UTF-8 sequence at the start of `s`, or 0 when it is ill-formed
// (overlong forms, surrogates and code points above U+10FFFF are all ill-formed, as in
// Unicode's table 3-7).
std::size_t utf8_sequence_length(std::string_view s) {
    const LeadByte lead = classify_lead_byte(static_cast<unsigned char>(s[0]));
    if (lead.length <= 1) return lead.length;
    if (s.size() < lead.length) return 0;
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    if (byte(1) < lead.lo || byte(1) > lead.hi) return 0;
    for (std::size_t i = 2; i < lead.length; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
    }
    return lead.length;
}

// Length of the maximal ill-formed subpart at the start of `s` (at least 1): the bytes that
// one U+FFFD replaces, following the W3C/Unicode "substitution of maximal subparts" practice
// that browsers and ICU use, so "\xE2\x82" (a truncated euro sign) counts as one error.
std::size_t ill_formed_length(std::string_view s) {
    const LeadByte lead = classify_lead_byte(static_cast<unsigned char>(s[0]));
    if (lead.length <= 1) return 1;
    unsigned char lo = lead.lo;
    unsigned char hi = lead.hi;
    std::size_t i = 1;
    while (i < lead.length && i < s.size()) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < lo || b > hi) break;
        lo = 0x80;
        hi = 0xBF;
        ++i;
    }
    return i;
}

struct Utf8Census {
    std::size_t multibyte = 0;   // well-formed sequences of two or more bytes
    std::size_t partial = 0;     // ill-formed subparts of two or more bytes: cut-off sequences
    std::size_t stray = 0;       // single bytes that begin no UTF-8 sequence
    std::size_t high_bytes = 0;  // bytes 0x80-0xFF, the evidence the charset detector works on
};

Utf8Census take_utf8_census(std::string_view bytes) {
    Utf8Census census;
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::size_t n = utf8_sequence_length(bytes.substr(i));
        if (n == 0) {
            const std::size_t bad = ill_formed_length(bytes.substr(i));
            ++(bad > 1 ? census.partial : census.stray);
            census.high_bytes += bad;
            i += bad;
        } else {
            if (n > 1) census.high_bytes += n;
            if (n > 1) ++census.multibyte;
            i += n;
        }
    }
    return census;
}

DecodedText replace_invalid_utf8(std::string_view bytes) {
    DecodedText out;
    out.source_encoding = "UTF-8";
    out.text.reserve(bytes.size() + 16);
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::size_t n = utf8_sequence_length(bytes.substr(i));
        if (n == 0) {
            out.text += kReplacementUtf8;
            ++out.replaced;
            i += ill_formed_length(bytes.substr(i));
        } else {
            out.text.append(bytes.data() + i, n);
            i += n;
        }
    }
    return out;
}

// ICU calls this for each byte sequence the charset does not map (0x81 in windows-1252, a
// broken Shift_JIS pair ...): write U+FFFD and count it, like the UTF-8 path does.
void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                          UConverterCallbackReason reason, UErrorCode* error) {
    if (reason > UCNV_IRREGULAR) return;  // reset/close/clone notifications
    auto* replaced = static_cast<std::size_t*>(const_cast<void*>(context));
    ++*replaced;
    *error = U_ZERO_ERROR;
    const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
}

// Converts `bytes` from `charset` with ICU; nullopt when ICU does not know the charset.
std::optional<DecodedText> convert_with_icu(std::string_view bytes, const char* charset) {
    UErrorCode error = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(charset, &error),
                                                                 &ucnv_close);
    if (U_FAILURE(error) || !converter) return std::nullopt;

    DecodedText out;
    out.source_encoding = charset;
    ucnv_setToUCallBack(converter.get(), count_and_substitute, &out.replaced, nullptr, nullptr,
                        &error);
    if (U_FAILURE(error)) return std::nullopt;

    // ICU takes int32_t lengths: convert in slices so that huge files cannot overflow them.
    // Slices end on the converter's own state, so a multi-byte character split between two
    // slices is carried over (flush only on the last one).
    constexpr std::size_t kSlice = 1 << 20;
    std::vector<UChar> buffer(2 * std::min(kSlice, bytes.size()) + 16);
    std::size_t pos = 0;
    do {
        const std::size_t take = std::min(kSlice, bytes.size() - pos);
        const char* source = bytes.data() + pos;
        const char* source_end = source + take;
        const bool flush = pos + take == bytes.size();
        UChar* target = buffer.data();
        ucnv_toUnicode(converter.get(), &target, buffer.data() + buffer.size(), &source, source_end,
                       nullptr, flush, &error);
        if (U_FAILURE(error)) return std::nullopt;
        // toUTF8String replaces any unpaired surrogate, so the result is always valid UTF-8.
        icu::UnicodeString(false, buffer.data(), static_cast<int32_t>(target - buffer.data()))
            .toUTF8String(out.text);
        pos += take;
    } while (pos < bytes.size());
    return out;
}

bool is_latin1_family(std::string_view name) {
    return name == "ISO-8859-1" || name == "windows-1252";
}

// Charsets the detector may name that are worth converting from. EBCDIC (IBM420/IBM424)
// and UTF-16/32 without a BOM are left out: on text that reaches this point they are
// statistical noise, never what a corpus file really is.
bool is_convertible_legacy(std::string_view name) {
    static constexpr std::array<std::string_view, 20> kLegacy = {
        "ISO-8859-1",   "windows-1252", "ISO-8859-2",   "windows-1250", "ISO-8859-5",
        "ISO-8859-6",   "windows-1256", "ISO-8859-7",   "windows-1253", "ISO-8859-8",
        "windows-1255", "ISO-8859-9",   "windows-1254", "windows-1251", "KOI8-R",
        "Shift_JIS",    "GB18030",      "EUC-JP",       "EUC-KR",       "Big5"};
    return std::find(kLegacy.begin(), kLegacy.end(), name) != kLegacy.end();
}

struct Detection {
    std::string name;
    int confidence = 0;
};

std::vector<Detection> detect_charsets(std::string_view bytes) {
    std::vector<Detection> found;
    UErrorCode error = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&error),
                                                                        &ucsdet_close);
    if (U_FAILURE(error) || !detector) return found;
    const std::string_view sample = bytes.substr(0, kDetectionSample);
    ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &error);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &error);
    if (U_FAILURE(error) || matches == nullptr) return found;
    for (int32_t i = 0; i < count; ++i) {
        UErrorCode match_error = U_ZERO_ERROR;
        const char* name = ucsdet_getName(matches[i], &match_error);
        const int32_t confidence = ucsdet_getConfidence(matches[i], &match_error);
        if (U_SUCCESS(match_error) && name != nullptr) found.push_back({name, confidence});
    }
    return found;
}

// Chooses the legacy charset to convert from, or "" to fall back to U+FFFD replacement.
// The detector is unreliable on short texts (a 40-byte note with one "é" gets low, shifting
// scores), so a non-Latin charset must win clearly unless there are enough high bytes to judge,
// while the Latin-1 family only needs to be a plausible candidate: the corpus is western, and
// windows-1252 maps nearly every byte.
std::string choose_legacy_charset(std::string_view bytes, const Utf8Census& census) {
    constexpr int kClearWin = 50;
    constexpr int kFairWin = 25;
    constexpr std::size_t kEnoughEvidence = 32;
    constexpr int kPlausible = 10;
    const int needed = census.high_bytes >= kEnoughEvidence ? kFairWin : kClearWin;
    const std::vector<Detection> detections = detect_charsets(bytes);
    for (const Detection& d : detections) {
        if (!is_convertible_legacy(d.name)) continue;
        if (d.confidence < needed) break;  // matches come sorted by confidence
        // ISO-8859-1 text often holds 0x80-0x9F bytes meant as windows-1252 curly quotes and
        // euro signs; windows-1252 decodes every other byte the same way.
        return is_latin1_family(d.name) ? "windows-1252" : d.name;
    }
    for (const Detection& d : detections) {
        if (is_latin1_family(d.name) && d.confidence >= kPlausible) return "windows-1252";
    }
    // Not one high byte forms UTF-8: the file is in some 8-bit charset, and windows-1252 is
    // the likeliest for this corpus (and never loses ASCII).
    if (census.multibyte == 0 && census.partial == 0) return "windows-1252";
    return "";
}

bool is_text_control(unsigned char c) {
    // Tab, line feed, vertical tab, form feed, carriage return and escape (ANSI colour codes
    // in logs) occur in real text files; other C0 controls and DEL do not.
    return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x1B;
}

bool starts_with_utf16_bom(std::string_view bytes) {
    return bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                                 (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        // ASCII runs are the common case: skip them without the table walk.
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(bytes.substr(i));
        if (n == 0) return false;
        i += n;
    }
    return true;
}

bool looks_binary(std::string_view bytes) {
    const std::string_view sample = bytes.substr(0, kBinarySample);
    // UTF-16 text is full of NUL bytes; with a BOM it is text that decode_to_utf8() converts.
    if (starts_with_utf16_bom(sample) && bytes.size() % 2 == 0) return false;
    std::size_t controls = 0;
    for (const char ch : sample) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) return true;
        if ((c < 0x20 && !is_text_control(c)) || c == 0x7F) ++controls;
    }
    // A few stray controls (a form feed of a printed report, a pasted ^H) do not make a
    // binary; one byte in ten does.
    return controls * 10 > sample.size();
}

DecodedText decode_to_utf8(std::string_view bytes) {
    try {
        if (is_valid_utf8(bytes)) {
            DecodedText out;
            out.text.assign(bytes);
            out.source_encoding = "UTF-8";
            return out;
        }
        if (starts_with_utf16_bom(bytes)) {
            const bool little_endian = bytes[0] == '\xFF';
            if (auto converted =
                    convert_with_icu(bytes.substr(2), little_endian ? "UTF-16LE" : "UTF-16BE")) {
                return *std::move(converted);
            }
        }
        const Utf8Census census = take_utf8_census(bytes);
        // Mostly well-formed UTF-8 with a few bad bytes, or cut-off UTF-8 sequences, is damaged
        // UTF-8 (a truncated copy, a pasted fragment): keep it as UTF-8 and mark the damage
        // rather than re-reading the whole file as some other charset.
        const std::size_t utf8_evidence = census.multibyte + census.partial;
        if (utf8_evidence > 0 && utf8_evidence >= census.stray) {
            return replace_invalid_utf8(bytes);
        }
        const std::string charset = choose_legacy_charset(bytes, census);
        if (!charset.empty()) {
            if (auto converted = convert_with_icu(bytes, charset.c_str())) {
                return *std::move(converted);
            }
        }
        return replace_invalid_utf8(bytes);
    } catch (...) {
        // Only std::bad_alloc can get here; an empty result is better than a crash.
        DecodedText out;
        out.source_encoding = "UTF-8";
        out.replaced = bytes.empty() ? 0 : 1;
        return out;
    }
}

std::optional<DecodedText> decode_from_charset(std::string_view bytes, const std::string& charset) {
    try {
        return convert_with_icu(bytes, charset.c_str());
    } catch (...) {
        return std::nullopt;  // std::bad_alloc only
    }
}

}  // namespace consulta
