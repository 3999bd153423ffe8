#pragma once
// Names that researchers use for more than one entity ("Korea", "Congo", "Guinea"). The
// gazetteer resolves some of them by convention (state:korea is KR) or tags them in text
// (Guinea is GN); a filter or a name in the search box must never pick one silently: a filter
// answers ambiguous_entity with the candidates, and q keeps the word and lists them.
#include <string>
#include <string_view>
#include <vector>

#include "core/entities/entity.h"
#include "core/text/tokenizer.h"

namespace consulta {

/// The key a name is compared by: its token norms joined by spaces, a leading "the" dropped
/// (as Gazetteer::resolve() compares names): "the Congo" and "CONGO" are both "congo".
std::string name_key(std::string_view text, Tokenizer& tokenizer);

/// The candidate ids of an ambiguous name of this type (by name_key()), or nullptr when the
/// name is not ambiguous. Candidates are in id order.
const std::vector<std::string>* ambiguous_candidates(EntityType type, std::string_view key);

}  // namespace consulta
