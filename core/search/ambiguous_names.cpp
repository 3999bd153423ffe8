#include "core/search/ambiguous_names.h"

#include <map>
#include <utility>

namespace consulta {
namespace {

// Each name with every state it is commonly used for. "Korea": KR by convention, the
// peninsula, or both states; "Congo": the Republic or the DRC (and the river); "Guinea":
// Guinea, but also the short form of Equatorial Guinea, Guinea-Bissau and Papua New Guinea.
// A name is added here when researchers are known to mean several entities by it.
const std::map<std::pair<EntityType, std::string>, std::vector<std::string>>& table() {
    static const auto* names = new std::map<std::pair<EntityType, std::string>,
                                            std::vector<std::string>>{
        {{EntityType::kState, "korea"}, {"KP", "KR"}},
        {{EntityType::kState, "congo"}, {"CD", "CG"}},
        {{EntityType::kState, "guinea"}, {"GN", "GQ", "GW", "PG"}},
    };
    return *names;
}

}  // namespace

std::string name_key(std::string_view text, Tokenizer& tokenizer) {
    const TokenStream tokens = tokenizer.tokenize(text);
    std::string key;
    const std::size_t first = tokens.size() > 1 && tokens.front().norm == "the" ? 1 : 0;
    for (std::size_t k = first; k < tokens.size(); ++k) {
        if (!key.empty()) key.push_back(' ');
        key += tokens[k].norm;
    }
    return key;
}

const std::vector<std::string>* ambiguous_candidates(EntityType type, std::string_view key) {
    auto it = table().find({type, std::string(key)});
    return it == table().end() ? nullptr : &it->second;
}

}  // namespace consulta
