#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/entities/entity.h"

namespace consulta {

/// Where the gazetteers come from. The state list starts from Debian's iso-codes JSON;
/// the TSV files in config/ add what documents really write.
struct GazetteerFiles {
    std::filesystem::path iso_3166_1;     ///< /usr/share/iso-codes/json/iso_3166-1.json
    std::filesystem::path states;         ///< config/states.tsv: aliases, former names, abbreviations, demonyms
    std::filesystem::path mechanisms;     ///< config/mechanisms.tsv
    std::filesystem::path organisations;  ///< config/organisations.tsv
    /// config/state_context.tsv: the words that make a state name a person ("Mr. Jordan") or a
    /// place inside another place ("New Jersey", "Athens, Georgia"). Empty: no such rules.
    std::filesystem::path state_context;
};

/// Every known state, mechanism and organisation, and the surface forms that name them.
/// Immutable after load(); safe to share between threads.
class Gazetteer {
public:
    /// Loads and validates all files. A bad entry is a kConfig error naming file and line.
    static Result<Gazetteer> load(const GazetteerFiles& files);

    Gazetteer();
    ~Gazetteer();
    Gazetteer(Gazetteer&&) noexcept;
    Gazetteer& operator=(Gazetteer&&) noexcept;

    /// The entity with this exact id (state ids compare case-insensitively), or nullptr.
    const Entity* find(EntityType type, std::string_view id) const;

    /// The entity that an id, a name or an alias names ("za", "RSA", "South Africa" -> ZA;
    /// "puebla" -> rcm), or nullptr. Used for query prefixes and filter parameters.
    const Entity* resolve(EntityType type, std::string_view text) const;

    /// All entities of a type, in id order. Empty for kYear.
    const std::vector<Entity>& entities(EntityType type) const;

    /// Mechanisms whose member list includes this state.
    std::vector<const Entity*> mechanisms_of_state(std::string_view state_id) const;

    /// Opaque matching structures, used by EntityTagger.
    struct Matcher;
    const Matcher& matcher() const { return *matcher_; }

private:
    std::vector<Entity> states_, mechanisms_, organisations_;
    std::unique_ptr<Matcher> matcher_;
};

}  // namespace consulta
