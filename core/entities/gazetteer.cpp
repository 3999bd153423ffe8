#include "core/entities/gazetteer.h"

#include <algorithm>
#include <cctype>

#include "core/entities/gazetteer_data.h"
#include "core/entities/gazetteer_matcher.h"
#include "core/text/tokenizer.h"

namespace consulta {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), ::toupper);
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), ::tolower);
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

const std::vector<Entity> kNoEntities;

}  // namespace

Gazetteer::Gazetteer() : matcher_(std::make_unique<Matcher>()) {}
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

Result<Gazetteer> Gazetteer::load(const GazetteerFiles& files) {
    Result<gazetteer_detail::GazetteerData> data = gazetteer_detail::read_gazetteer_files(files);
    if (!data) return data.status();
    Result<std::unique_ptr<Matcher>> matcher = gazetteer_detail::build_matcher(*data);
    if (!matcher) return matcher.status();
    Gazetteer gazetteer;
    gazetteer.states_ = std::move(data->states);
    gazetteer.mechanisms_ = std::move(data->mechanisms);
    gazetteer.organisations_ = std::move(data->organisations);
    gazetteer.matcher_ = std::move(*matcher);
    return gazetteer;
}

const std::vector<Entity>& Gazetteer::entities(EntityType type) const {
    switch (type) {
        case EntityType::kState:
            return states_;
        case EntityType::kMechanism:
            return mechanisms_;
        case EntityType::kOrganisation:
            return organisations_;
        case EntityType::kYear:
            break;
    }
    return kNoEntities;
}

const Entity* Gazetteer::find(EntityType type, std::string_view id) const {
    const std::vector<Entity>& list = entities(type);
    const std::string key = type == EntityType::kState ? upper(id) : std::string(id);
    // Entities are kept in id order: a binary search.
    auto it = std::lower_bound(list.begin(), list.end(), key,
                               [](const Entity& e, const std::string& k) { return e.id < k; });
    return it != list.end() && it->id == key ? &*it : nullptr;
}

const Entity* Gazetteer::resolve(EntityType type, std::string_view text) const {
    if (type == EntityType::kYear) return nullptr;
    text = trim(text);
    if (text.empty()) return nullptr;
    if (const Entity* entity = find(type, text)) return entity;
    if (type != EntityType::kState) {
        if (const Entity* entity = find(type, lower(text))) return entity;
    }
    // A query is rare next to indexing: a Tokenizer per call keeps this const and thread-safe.
    Tokenizer tokenizer;
    const std::string key = gazetteer_detail::resolve_key(tokenizer.tokenize(text));
    const auto& keys = matcher_->resolve_keys[static_cast<int>(type)];
    auto it = keys.find(key);
    if (it == keys.end() || it->second == Matcher::kAmbiguous) return nullptr;
    return &entities(type)[it->second];
}

std::vector<const Entity*> Gazetteer::mechanisms_of_state(std::string_view state_id) const {
    const std::string id = upper(state_id);
    std::vector<const Entity*> result;
    for (const Entity& mechanism : mechanisms_) {
        if (std::find(mechanism.members.begin(), mechanism.members.end(), id) !=
            mechanism.members.end()) {
            result.push_back(&mechanism);
        }
    }
    return result;
}

}  // namespace consulta
