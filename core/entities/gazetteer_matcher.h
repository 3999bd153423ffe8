#pragma once
// Private to core/entities: the matching structures behind Gazetteer::matcher().

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/entities/gazetteer.h"
#include "core/entities/gazetteer_data.h"
#include "core/text/token.h"

namespace consulta {

/// A trie over token norms, built by tokenising every alias with the same Tokenizer that
/// tokenises documents, so that alias keys and text tokens always agree.
struct Gazetteer::Matcher {
    using MatchPolicy = gazetteer_detail::MatchPolicy;

    /// One alias that ends at a trie node.
    struct Candidate {
        EntityType type = EntityType::kState;
        std::size_t entity = gazetteer_detail::kNoEntity;  ///< kNoEntity: a block phrase
        MentionForm form = MentionForm::kAlias;
        MatchPolicy policy = MatchPolicy::kExact;  ///< kExact, kCase, kContext or kBlock
        bool after_the = false;  ///< written "the Emirates": the text must have "the" before it
        std::vector<std::string> surfaces;  ///< the alias's token surfaces (kCase, kContext)
        std::vector<std::string> gaps;      ///< gap signatures between the alias's tokens
        std::string suffix;                 ///< punctuation after the last token: "." of "U.S."
        std::string origin;
    };

    struct Node {
        std::vector<std::pair<std::string, std::uint32_t>> children;  ///< few: a linear scan
        std::vector<Candidate> candidates;                            ///< blocks, then by policy
    };

    /// A successful match: `tokens` tokens from the start token, bytes [start, end).
    struct Match {
        const Candidate* candidate = nullptr;
        std::size_t tokens = 0;
        std::uint32_t start = 0, end = 0;
    };

    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    using KeyMap = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

    KeyMap roots;  ///< first token norm -> node: the one lookup most tokens cost
    std::vector<Node> nodes;
    /// resolve(): "norm norm ..." -> entity index, or kAmbiguous; one map per entity type.
    std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> resolve_keys[3];
    static constexpr std::size_t kAmbiguous = static_cast<std::size_t>(-2);
    /// The person and place rules a state name must pass (state_context.tsv).
    gazetteer_detail::StateContextLists context;

    /// The longest acceptable alias that starts at tokens[i], if any.
    bool match(std::string_view text, const TokenStream& tokens, std::size_t i,
               Match& result) const;
};

namespace gazetteer_detail {

/// Builds the matcher from the aliases (and fills each entity's Entity::aliases).
Result<std::unique_ptr<Gazetteer::Matcher>> build_matcher(GazetteerData& data);

/// The resolve() key of a text: its token norms joined by single spaces.
std::string resolve_key(const TokenStream& tokens);

}  // namespace gazetteer_detail
}  // namespace consulta
