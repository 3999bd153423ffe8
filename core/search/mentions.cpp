#include "core/search/mentions.h"

#include <algorithm>
#include <vector>

#include "core/index/schema.h"

namespace consulta {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool is_whitespace(std::string_view cp) {
    if (cp.size() == 1) {
        const char c = cp[0];
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    }
    // No-break space and the Unicode line/paragraph separators that PDF text carries.
    return cp == "\u00A0" || cp == "\u2028" || cp == "\u2029";
}

// Appends code points to `pieces` (in walking order) until `chars` have been taken.
template <typename Step>
std::vector<std::string_view> walk(std::size_t chars, Step next_code_point) {
    std::vector<std::string_view> pieces;
    std::size_t taken = 0;
    bool in_space = false;
    std::string_view cp;
    while (taken < chars && next_code_point(cp)) {
        if (is_whitespace(cp)) {
            if (in_space) continue;
            in_space = true;
            pieces.push_back(" ");
        } else {
            in_space = false;
            pieces.push_back(cp);
        }
        ++taken;
    }
    return pieces;
}

std::string_view entity_prefix_for(EntityType type, bool include_demonyms) {
    if (type == EntityType::kState && !include_demonyms) return schema::kPrefixStateNamed;
    return schema::entity_prefix(type);
}

}  // namespace

bool selects(const MentionSelection& selection, const Mention& mention) {
    if (selection.types.count(mention.type) == 0) return false;
    if (!selection.include_demonyms && mention.type == EntityType::kState &&
        mention.form == MentionForm::kDemonym) {
        return false;
    }
    auto ids = selection.ids.find(mention.type);
    return ids == selection.ids.end() || ids->second.count(mention.entity) > 0;
}

std::unordered_map<Xapian::docid, std::size_t> count_rows(const Xapian::Database& db,
                                                          const MentionSelection& selection) {
    std::unordered_map<Xapian::docid, std::size_t> rows;
    auto add_postings = [&](const std::string& term) {
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            rows[*p] += p.get_wdf();
        }
    };
    for (EntityType type : selection.types) {
        const std::string prefix(entity_prefix_for(type, selection.include_demonyms));
        auto ids = selection.ids.find(type);
        if (ids == selection.ids.end()) {
            for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
                add_postings(*t);
            }
        } else {
            for (const std::string& id : ids->second) add_postings(prefix + id);
        }
    }
    return rows;
}

std::string left_context(std::string_view text, std::size_t pos, std::size_t chars) {
    std::size_t i = std::min(pos, text.size());
    auto pieces = walk(chars, [&](std::string_view& cp) {
        if (i == 0) return false;
        std::size_t j = i - 1;
        while (j > 0 && is_continuation(text[j])) --j;
        cp = text.substr(j, i - j);
        i = j;
        return true;
    });
    std::string out;
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) out += *it;
    return out;
}

std::string right_context(std::string_view text, std::size_t pos, std::size_t chars) {
    std::size_t i = std::min(pos, text.size());
    auto pieces = walk(chars, [&](std::string_view& cp) {
        if (i >= text.size()) return false;
        std::size_t j = i + 1;
        while (j < text.size() && is_continuation(text[j])) ++j;
        cp = text.substr(i, j - i);
        i = j;
        return true;
    });
    std::string out;
    for (std::string_view piece : pieces) out += piece;
    return out;
}

std::uint32_t count_code_points(std::string_view text) {
    std::uint32_t n = 0;
    for (char c : text) n += is_continuation(c) ? 0 : 1;
    return n;
}

std::uint32_t CodePointCursor::at(std::uint32_t byte) {
    byte = static_cast<std::uint32_t>(std::min<std::size_t>(byte, text_.size()));
    if (byte < byte_) byte_ = code_points_ = 0;
    code_points_ += count_code_points(text_.substr(byte_, byte - byte_));
    byte_ = byte;
    return code_points_;
}

MentionRow make_row(const DocumentRecord& record, const Mention& mention,
                    const Gazetteer& gazetteer, std::size_t window, CodePointCursor& code_points) {
    MentionRow row;
    row.doc = record.meta.id;
    row.type = mention.type;
    row.entity = mention.entity;
    const Entity* entity =
        mention.type == EntityType::kYear ? nullptr : gazetteer.find(mention.type, mention.entity);
    row.label = entity ? entity->name : mention.entity;
    row.form = mention.form;
    row.start = mention.start;
    row.end = mention.end;
    row.text = mention.surface;
    row.left = left_context(record.text, mention.start, window);
    row.right = right_context(record.text, mention.end, window);
    row.page = page_of(record, mention.start);
    row.title = record.meta.title;
    row.kind = record.meta.kind;
    row.published = record.meta.published;
    row.char_start = code_points.at(mention.start);
    row.char_end = code_points.at(mention.end);
    return row;
}

}  // namespace consulta
