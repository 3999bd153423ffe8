#pragma once
// LEB128 unsigned integers: the stored record's numbers, a byte for most of them.
#include <cstdint>
#include <string>
#include <string_view>

namespace consulta {

inline void put_varint(std::string& out, std::uint64_t value) {
    while (value >= 0x80) {
        out += static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    out += static_cast<char>(value);
}

/// Reads one number and moves past it; false when `in` ends inside it or it overflows.
inline bool get_varint(std::string_view& in, std::uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (in.empty()) return false;
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return true;
    }
    return false;
}

inline void put_string(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out += s;
}

inline bool get_string(std::string_view& in, std::string& s) {
    std::uint64_t size = 0;
    if (!get_varint(in, size) || size > in.size()) return false;
    s.assign(in.data(), size);
    in.remove_prefix(size);
    return true;
}

}  // namespace consulta
