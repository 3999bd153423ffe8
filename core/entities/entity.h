#pragma once
#include <string>
#include <vector>

#include "core/entities/mention.h"

namespace consulta {

/// One surface form of an entity, with its matching policy.
struct Alias {
    std::string text;               ///< as written in the gazetteer: "RSA", "the Comoros"
    MentionForm form = MentionForm::kAlias;
    bool case_sensitive = false;    ///< acronyms: "US" must not match "us"
};

/// A known entity: a state, a mechanism or an organisation (years need no catalogue).
struct Entity {
    EntityType type = EntityType::kState;
    std::string id;                 ///< "ZA", "midsa", "iom"
    std::string name;               ///< display label: "South Africa"
    std::vector<Alias> aliases;     ///< every surface form that is tagged, the name included
    std::string kind;               ///< mechanism: "RCP", "IRF", "global", "framework", "other";
                                    ///< state: "state" or "territory"; organisation: "organisation"
    std::vector<std::string> members;  ///< mechanism: member state ids, where known
    std::string members_source;     ///< mechanism: where and when the member list was read
    std::string region;             ///< mechanism: free text from the reference table
    int established = 0;            ///< mechanism: year established, 0 when unknown
};

}  // namespace consulta
