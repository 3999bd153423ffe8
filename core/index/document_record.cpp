#include "core/index/document_record.h"

#include <algorithm>

#include "core/index/varint.h"

namespace consulta {

// Document data layout (schema 3). Every hit reads it, so it holds only the metadata, the
// pages and the text layout, in varints and length-prefixed strings; the text and mentions
// live in value slots (record_store.h).
//
//   CONSULTA-HEADER 3\n
//   id title kind publisher path format encoding     (strings)
//   published text_bytes token_count body_start chunk_bytes map_positions map_stride
//   page count, then number start end per page

namespace {

constexpr std::string_view kMagic = "CONSULTA-HEADER 3\n";

Status bad_data(const std::string& what) {
    return {ErrorCode::kIndex, "document data is not a Consulta header: " + what};
}

bool get_u32(std::string_view& in, std::uint32_t& out) {
    std::uint64_t v = 0;
    if (!get_varint(in, v) || v > UINT32_MAX) return false;
    out = static_cast<std::uint32_t>(v);
    return true;
}

}  // namespace

int page_of(const std::vector<PageSpan>& pages, std::uint32_t offset) {
    if (pages.empty()) return 0;
    auto it = std::upper_bound(pages.begin(), pages.end(), offset,
                               [](std::uint32_t off, const PageSpan& p) { return off < p.start; });
    if (it == pages.begin()) return pages.front().number;
    return std::prev(it)->number;
}

std::string serialise_header(const DocumentHeader& header) {
    const DocumentMeta& m = header.meta;
    const TextLayout& l = header.layout;
    std::string out(kMagic);
    for (const std::string* s : {&m.id, &m.title, &m.kind, &m.publisher, &m.path, &m.format,
                                 &m.source_encoding}) {
        put_string(out, *s);
    }
    put_varint(out, static_cast<std::uint64_t>(std::max(0, m.published)));
    for (std::uint32_t v : {l.text_bytes, l.token_count, l.body_start, l.chunk_bytes,
                            l.map_positions, l.map_stride}) {
        put_varint(out, v);
    }
    put_varint(out, header.pages.size());
    for (const PageSpan& p : header.pages) {
        put_varint(out, static_cast<std::uint64_t>(std::max(0, p.number)));
        put_varint(out, p.start);
        put_varint(out, p.end);
    }
    return out;
}

Result<DocumentHeader> parse_header(std::string_view data) {
    if (!data.starts_with(kMagic)) return bad_data("unknown layout");
    data.remove_prefix(kMagic.size());
    DocumentHeader h;
    DocumentMeta& m = h.meta;
    for (std::string* s : {&m.id, &m.title, &m.kind, &m.publisher, &m.path, &m.format,
                           &m.source_encoding}) {
        if (!get_string(data, *s)) return bad_data("truncated metadata");
    }
    std::uint32_t published = 0;
    TextLayout& l = h.layout;
    if (!get_u32(data, published) || !get_u32(data, l.text_bytes) ||
        !get_u32(data, l.token_count) || !get_u32(data, l.body_start) ||
        !get_u32(data, l.chunk_bytes) || !get_u32(data, l.map_positions) ||
        !get_u32(data, l.map_stride)) {
        return bad_data("truncated layout");
    }
    if (l.chunk_bytes == 0 || l.map_stride == 0 || l.map_positions < l.map_stride ||
        l.map_positions % l.map_stride != 0) {
        return bad_data("bad text layout");
    }
    m.published = static_cast<int>(std::min<std::uint32_t>(published, INT32_MAX));
    std::uint64_t pages = 0;
    if (!get_varint(data, pages) || pages > data.size()) return bad_data("bad page count");
    h.pages.resize(pages);
    for (PageSpan& p : h.pages) {
        std::uint32_t number = 0;
        if (!get_u32(data, number) || !get_u32(data, p.start) || !get_u32(data, p.end)) {
            return bad_data("truncated pages");
        }
        p.number = static_cast<int>(std::min<std::uint32_t>(number, INT32_MAX));
    }
    if (!data.empty()) return bad_data("trailing bytes");
    return h;
}

}  // namespace consulta
