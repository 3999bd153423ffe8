#include "searchd/document_page.h"

#include <map>

#include "core/search/search_json.h"

namespace consulta {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

nlohmann::json document_page_json(DocumentView view, const DocumentPageRequest& page) {
    // Mentions: counted in answer order, only the page's kept; the full counts are put back
    // after to_json (which counts what it is given).
    std::size_t index = 0;
    std::map<EntityType, std::vector<std::size_t>> counts;
    for (EntityType type : kAllEntityTypes) {
        auto it = view.entities.find(type);
        if (it == view.entities.end()) continue;
        for (EntityMentions& entity : it->second) {
            counts[type].push_back(entity.mentions.size());
            std::vector<MentionView> kept;
            for (MentionView& m : entity.mentions) {
                if (index >= page.mentions_offset && index - page.mentions_offset < page.mentions_limit) {
                    kept.push_back(std::move(m));
                }
                ++index;
            }
            entity.mentions = std::move(kept);
        }
    }
    const std::size_t total = index;
    const std::size_t page_end = page.mentions_offset + page.mentions_limit;

    // Text: [start, end) on UTF-8 character starts.
    std::optional<std::size_t> text_next;
    std::size_t text_start = 0;
    if (view.text) {
        const std::string& text = *view.text;
        std::size_t start = std::min(page.text_offset, text.size());
        while (start < text.size() && is_continuation(static_cast<unsigned char>(text[start]))) ++start;
        std::size_t end = std::min(text.size(), start + page.text_limit);
        if (end < text.size()) {
            while (end > start && is_continuation(static_cast<unsigned char>(text[end]))) --end;
            text_next = end;
        }
        text_start = start;
        view.text = text.substr(start, end - start);
    }

    nlohmann::json j = to_json(view);
    for (auto& [type, list] : counts) {
        nlohmann::json& entities = j["entities"][std::string(entity_type_name(type))];
        for (std::size_t i = 0; i < list.size() && i < entities.size(); ++i) entities[i]["count"] = list[i];
    }
    j["mentions_total"] = total;
    j["mentions_offset"] = page.mentions_offset;
    j["mentions_next"] = page_end < total ? nlohmann::json(page_end) : nlohmann::json(nullptr);
    if (view.text) {
        j["text_offset"] = text_start;
        j["text_next"] = text_next ? nlohmann::json(*text_next) : nlohmann::json(nullptr);
    }
    return j;
}

}  // namespace consulta
