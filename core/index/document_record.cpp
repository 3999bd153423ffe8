#include "core/index/document_record.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace consulta {
using nlohmann::json;

namespace {

// Mentions are stored as compact arrays [type, entity, start, end, form]: a document can hold
// thousands of them, and the surface is recovered from the text.
json mention_to_json(const Mention& m) {
    return json::array({static_cast<int>(m.type), m.entity, m.start, m.end, static_cast<int>(m.form)});
}

Result<Mention> mention_from_json(const json& j, const std::string& text) {
    if (!j.is_array() || j.size() != 5) return Status{ErrorCode::kIndex, "bad mention in document data"};
    Mention m;
    const int type = j[0].get<int>();
    const int form = j[4].get<int>();
    if (type < 0 || type > static_cast<int>(EntityType::kYear) || form < 0 ||
        form > static_cast<int>(MentionForm::kDate)) {
        return Status{ErrorCode::kIndex, "bad mention type or form in document data"};
    }
    m.type = static_cast<EntityType>(type);
    m.entity = j[1].get<std::string>();
    m.start = j[2].get<std::uint32_t>();
    m.end = j[3].get<std::uint32_t>();
    m.form = static_cast<MentionForm>(form);
    if (m.start > m.end || m.end > text.size()) {
        return Status{ErrorCode::kIndex, "mention offsets outside the document text"};
    }
    m.surface = text.substr(m.start, m.end - m.start);
    return m;
}

}  // namespace

int page_of(const DocumentRecord& record, std::uint32_t offset) {
    if (record.pages.empty()) return 0;
    auto it = std::upper_bound(record.pages.begin(), record.pages.end(), offset,
                               [](std::uint32_t off, const PageSpan& p) { return off < p.start; });
    if (it == record.pages.begin()) return record.pages.front().number;
    return std::prev(it)->number;
}

std::string serialise_record(const DocumentRecord& record) {
    const DocumentMeta& m = record.meta;
    json j = {{"id", m.id},           {"title", m.title},   {"kind", m.kind},
              {"publisher", m.publisher}, {"published", m.published}, {"path", m.path},
              {"format", m.format},   {"encoding", m.source_encoding}, {"text", record.text}};
    json pages = json::array();
    for (const PageSpan& p : record.pages) pages.push_back(json::array({p.number, p.start, p.end}));
    j["pages"] = std::move(pages);
    json mentions = json::array();
    for (const Mention& mention : record.mentions) mentions.push_back(mention_to_json(mention));
    j["mentions"] = std::move(mentions);
    // Invalid UTF-8 cannot reach here (readers repair it), but never let a dump throw.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<DocumentRecord> parse_record(std::string_view data) {
    try {
        const json j = json::parse(data);
        DocumentRecord r;
        r.meta.id = j.at("id").get<std::string>();
        r.meta.title = j.at("title").get<std::string>();
        r.meta.kind = j.at("kind").get<std::string>();
        r.meta.publisher = j.at("publisher").get<std::string>();
        r.meta.published = j.at("published").get<int>();
        r.meta.path = j.at("path").get<std::string>();
        r.meta.format = j.at("format").get<std::string>();
        r.meta.source_encoding = j.at("encoding").get<std::string>();
        r.text = j.at("text").get<std::string>();
        for (const json& p : j.at("pages")) {
            r.pages.push_back({p.at(0).get<int>(), p.at(1).get<std::uint32_t>(), p.at(2).get<std::uint32_t>()});
        }
        r.mentions.reserve(j.at("mentions").size());
        for (const json& mj : j.at("mentions")) {
            auto mention = mention_from_json(mj, r.text);
            if (!mention) return mention.status();
            r.mentions.push_back(std::move(mention).value());
        }
        return r;
    } catch (const json::exception& e) {
        return Status{ErrorCode::kIndex, std::string("document data is not a Consulta record: ") + e.what()};
    }
}

}  // namespace consulta
