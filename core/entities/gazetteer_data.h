#pragma once
// Private to core/entities: what the gazetteer files say, before any matching structure is built.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/entities/entity.h"
#include "core/entities/gazetteer.h"
#include "core/entities/state_context.h"

namespace consulta::gazetteer_detail {

/// How a surface form is used. The names are the values of the `match` column of states.tsv.
enum class MatchPolicy : std::uint8_t {
    kExact,    ///< "exact": case- and diacritic-insensitive ("South Africa", "Soderkoping")
    kCase,     ///< "case": the surface must be byte-identical ("RSA", "US", "MiD-IGAD")
    kContext,  ///< "context": capitalised as written, not all capitals ("Chad", "Turkey")
    kQuery,    ///< "query": resolve() accepts it, the tagger never tags it ("Korea", "ADD")
    kOff,      ///< "off": a documented decision not to use the form at all ("Congolese")
    kBlock,    ///< "block": a phrase that is matched and yields nothing ("Lake Chad")
};

inline constexpr std::size_t kNoEntity = static_cast<std::size_t>(-1);

/// One surface form of one entity (or a block phrase), with where it was read.
struct AliasSpec {
    EntityType type = EntityType::kState;
    std::size_t entity = kNoEntity;  ///< index into the type's entity vector; kNoEntity for blocks
    std::string text;
    MentionForm form = MentionForm::kAlias;
    MatchPolicy policy = MatchPolicy::kExact;
    std::string origin;  ///< "states.tsv:42", "iso_3166-1.json" - for error messages
};

/// Everything the files define. Aliases are in priority order: a later spec for the same entity
/// and the same form replaces an earlier one (states.tsv overrides what iso-codes says).
struct GazetteerData {
    std::vector<Entity> states, mechanisms, organisations;
    std::vector<std::string> state_alpha3;  ///< parallel to states; empty where none
    std::vector<AliasSpec> aliases;
    StateContextLists context;  ///< state_context.tsv without its place blocks (those are aliases)
};

/// Reads iso_3166-1.json, then states.tsv, mechanisms.tsv, organisations.tsv and, when named,
/// state_context.tsv.
/// A bad file or entry is a kConfig (or kIo) status naming the file and the line.
Result<GazetteerData> read_gazetteer_files(const GazetteerFiles& files);

/// "Korea, Republic of" -> "Republic of Korea", "Virgin Islands, U.S." -> "U.S. Virgin Islands";
/// empty when the name is not an inverted one ("Bonaire, Sint Eustatius and Saba").
std::string natural_order(const std::string& iso_name);

}  // namespace consulta::gazetteer_detail
