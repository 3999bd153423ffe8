#include "core/index/document_record.h"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

namespace consulta {
using nlohmann::json;

// Document data layout (schema 2). Search parses one record per hit, so the bulky parts avoid
// JSON: the text is stored raw and the mentions as one short line each.
//
//   CONSULTA-RECORD 2\n
//   <header bytes>\n<header: JSON object with the metadata and the pages>
//   <mention count>\n
//   <type> <form> <start> <end> <entity>\n      (once per mention; entity ids have no spaces)
//   <text: every remaining byte>

namespace {

constexpr std::string_view kMagic = "CONSULTA-RECORD 2\n";

Status bad_data(const std::string& what) {
    return {ErrorCode::kIndex, "document data is not a Consulta record: " + what};
}

// Reads a decimal number ending at `stop` and moves past the stop byte.
bool read_number(std::string_view& in, char stop, std::uint64_t& out) {
    const auto end = in.find(stop);
    if (end == std::string_view::npos || end == 0) return false;
    auto [ptr, ec] = std::from_chars(in.data(), in.data() + end, out);
    if (ec != std::errc() || ptr != in.data() + end) return false;
    in.remove_prefix(end + 1);
    return true;
}

json header_json(const DocumentRecord& record) {
    const DocumentMeta& m = record.meta;
    json pages = json::array();
    for (const PageSpan& p : record.pages) pages.push_back(json::array({p.number, p.start, p.end}));
    return {{"id", m.id},         {"title", m.title},     {"kind", m.kind},
            {"publisher", m.publisher}, {"published", m.published}, {"path", m.path},
            {"format", m.format}, {"encoding", m.source_encoding}, {"pages", std::move(pages)}};
}

Status read_header(std::string_view header, DocumentRecord& r) {
    try {
        const json j = json::parse(header);
        r.meta.id = j.at("id").get<std::string>();
        r.meta.title = j.at("title").get<std::string>();
        r.meta.kind = j.at("kind").get<std::string>();
        r.meta.publisher = j.at("publisher").get<std::string>();
        r.meta.published = j.at("published").get<int>();
        r.meta.path = j.at("path").get<std::string>();
        r.meta.format = j.at("format").get<std::string>();
        r.meta.source_encoding = j.at("encoding").get<std::string>();
        for (const json& p : j.at("pages")) {
            r.pages.push_back({p.at(0).get<int>(), p.at(1).get<std::uint32_t>(),
                               p.at(2).get<std::uint32_t>()});
        }
        return {};
    } catch (const json::exception& e) {
        return bad_data(std::string("bad header: ") + e.what());
    }
}

Status read_mention(std::string_view& in, Mention& m) {
    std::uint64_t type = 0, form = 0, start = 0, end = 0;
    if (!read_number(in, ' ', type) || !read_number(in, ' ', form) ||
        !read_number(in, ' ', start) || !read_number(in, ' ', end)) {
        return bad_data("bad mention line");
    }
    const auto newline = in.find('\n');
    if (newline == std::string_view::npos || newline == 0) return bad_data("bad mention entity");
    if (type > static_cast<std::uint64_t>(EntityType::kYear) ||
        form > static_cast<std::uint64_t>(MentionForm::kDate) || start > end) {
        return bad_data("bad mention type, form or offsets");
    }
    m.type = static_cast<EntityType>(type);
    m.form = static_cast<MentionForm>(form);
    m.start = static_cast<std::uint32_t>(start);
    m.end = static_cast<std::uint32_t>(end);
    m.entity.assign(in.data(), newline);
    in.remove_prefix(newline + 1);
    return {};
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
    // Invalid UTF-8 cannot reach here (readers repair it), but never let a dump throw.
    const std::string header = header_json(record).dump(-1, ' ', false, json::error_handler_t::replace);
    std::string out(kMagic);
    out.reserve(header.size() + record.text.size() + 24 * record.mentions.size() + 64);
    out += std::to_string(header.size()) + '\n' + header;
    out += std::to_string(record.mentions.size()) + '\n';
    for (const Mention& m : record.mentions) {
        out += std::to_string(static_cast<int>(m.type)) + ' ' +
               std::to_string(static_cast<int>(m.form)) + ' ' + std::to_string(m.start) + ' ' +
               std::to_string(m.end) + ' ' + m.entity + '\n';
    }
    out += record.text;
    return out;
}

Result<DocumentRecord> parse_record(std::string_view data) {
    if (data.substr(0, kMagic.size()) != kMagic) return bad_data("unknown layout");
    data.remove_prefix(kMagic.size());
    std::uint64_t header_bytes = 0, mention_count = 0;
    if (!read_number(data, '\n', header_bytes) || header_bytes > data.size()) {
        return bad_data("bad header length");
    }
    DocumentRecord r;
    if (Status status = read_header(data.substr(0, header_bytes), r); !status) return status;
    data.remove_prefix(header_bytes);
    if (!read_number(data, '\n', mention_count) || mention_count > data.size()) {
        return bad_data("bad mention count");
    }
    r.mentions.resize(mention_count);
    for (Mention& m : r.mentions) {
        if (Status status = read_mention(data, m); !status) return status;
    }
    r.text.assign(data.data(), data.size());
    for (Mention& m : r.mentions) {
        if (m.end > r.text.size()) return bad_data("mention offsets outside the document text");
        m.surface = r.text.substr(m.start, m.end - m.start);
    }
    return r;
}

}  // namespace consulta
