#include "core/index/content_hash.h"

#include <cstdio>

namespace consulta {

ContentHash& ContentHash::add(std::string_view bytes) {
    std::uint64_t h = state_;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    state_ = h;
    return *this;
}

ContentHash& ContentHash::add_field(std::string_view bytes) {
    add(bytes);
    // A length suffix keeps ("ab","c") and ("a","bc") apart.
    return add(std::to_string(bytes.size())).add(std::string_view("\x1f", 1));
}

std::string ContentHash::hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(state_));
    return buf;
}

}  // namespace consulta
