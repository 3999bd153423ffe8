#include "core/text/ascii_word_scanner.h"

#include <array>
#include <cstdint>

namespace consulta {
namespace {

// ICU Word_Break classes of the ASCII characters, as far as the word rules can tell them apart.
enum Class : std::uint8_t {
    kOther,      // spaces, controls and punctuation that never join
    kLetter,     // ALetter: [A-Za-z] and, in ICU's rules, '@'
    kDigit,      // Numeric
    kUnderscore, // ExtendNumLet
    kMidNumLet,  // '.' and '\'' (Single_Quote behaves as MidNumLet outside Hebrew)
    kMidNum,     // ',' and ';'
};

constexpr std::array<Class, 128> make_classes() {
    std::array<Class, 128> classes{};
    for (int c = 'a'; c <= 'z'; ++c) {
        classes[c] = kLetter;
        classes[c - 'a' + 'A'] = kLetter;
    }
    for (int c = '0'; c <= '9'; ++c) {
        classes[c] = kDigit;
    }
    classes['@'] = kLetter;  // ICU adds '@' to ALetter (e-mail addresses stay one word)
    classes['_'] = kUnderscore;
    classes['.'] = kMidNumLet;
    classes['\''] = kMidNumLet;
    classes[','] = kMidNum;
    classes[';'] = kMidNum;
    return classes;
}

constexpr std::array<Class, 128> kClasses = make_classes();

Class class_at(std::string_view text, std::size_t i) {
    return i < text.size() ? kClasses[static_cast<unsigned char>(text[i]) & 0x7F] : kOther;
}

bool is_word_part(Class c) {
    return c == kLetter || c == kDigit || c == kUnderscore;
}

}  // namespace

bool next_ascii_word(std::string_view text, std::size_t& pos, std::size_t& start,
                     std::size_t& end) {
    const std::size_t n = text.size();
    for (std::size_t i = pos; i < n;) {
        Class current = class_at(text, i);
        if (!is_word_part(current)) {
            ++i;
            continue;
        }
        const std::size_t word_start = i;
        for (;;) {
            const Class next = class_at(text, i + 1);
            if (is_word_part(next)) {
                ++i;  // WB5, WB8-WB10, WB13a, WB13b
            } else if (current == kLetter && next == kMidNumLet &&
                       class_at(text, i + 2) == kLetter) {
                i += 2;  // WB6, WB7
            } else if (current == kDigit && (next == kMidNumLet || next == kMidNum) &&
                       class_at(text, i + 2) == kDigit) {
                i += 2;  // WB11, WB12
            } else {
                break;
            }
            current = class_at(text, i);
        }
        ++i;
        if (i - word_start == 1 && current == kUnderscore) {
            continue;  // a lone '_' has ICU rule status "none"
        }
        start = word_start;
        end = i;
        pos = i;
        return true;
    }
    pos = n;
    return false;
}

}  // namespace consulta
