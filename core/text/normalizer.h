#pragma once
#include <string>
#include <string_view>

namespace consulta {

/// The one normalisation applied to indexed words, gazetteer names and query text alike:
/// NFKC, full case folding, diacritics removed (Söderköping -> soderkoping, Côte -> cote),
/// typographic apostrophes mapped to "'". Input must be valid UTF-8; output is valid UTF-8.
/// Thread-safe.
std::string normalise_term(std::string_view utf8);

}  // namespace consulta
