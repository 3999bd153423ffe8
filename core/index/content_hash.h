#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace consulta {

/// A 64-bit FNV-1a hash that can be fed in pieces; stable across runs and machines, so the
/// indexer can tell an unchanged document from a changed one.
class ContentHash {
public:
    ContentHash& add(std::string_view bytes);
    ContentHash& add_field(std::string_view bytes);  ///< adds bytes and a separator
    std::uint64_t value() const { return state_; }
    std::string hex() const;  ///< 16 lowercase hex digits

private:
    std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace consulta
