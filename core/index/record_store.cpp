#include "core/index/record_store.h"

#include <algorithm>
#include <tuple>

#include <zstd.h>

#include "core/index/schema.h"
#include "core/index/text_dictionary.h"
#include "core/index/varint.h"

namespace consulta {

namespace {

Status bad_value(const std::string& what) {
    return {ErrorCode::kIndex, "stored text is damaged: " + what};
}

std::uint32_t chunk_count(const TextLayout& l) {
    return (l.text_bytes + l.chunk_bytes - 1) / l.chunk_bytes;
}

void put_mention(std::string& out, const Mention& m) {
    put_varint(out, static_cast<std::uint64_t>(m.type));
    put_varint(out, static_cast<std::uint64_t>(m.form));
    put_varint(out, m.start);
    put_varint(out, m.end - m.start);
    put_string(out, m.entity);
}

bool get_mention(std::string_view& in, Mention& m) {
    std::uint64_t type = 0, form = 0, start = 0, length = 0;
    if (!get_varint(in, type) || !get_varint(in, form) || !get_varint(in, start) ||
        !get_varint(in, length) || !get_string(in, m.entity)) {
        return false;
    }
    if (type > static_cast<std::uint64_t>(EntityType::kYear) ||
        form > static_cast<std::uint64_t>(MentionForm::kRangeMiddle) || start + length > UINT32_MAX) {
        return false;
    }
    m.type = static_cast<EntityType>(type);
    m.form = static_cast<MentionForm>(form);
    m.start = static_cast<std::uint32_t>(start);
    m.end = static_cast<std::uint32_t>(start + length);
    return true;
}

// A chunk's value is 'd' and a zstd frame of the payload made with the index's dictionary (the
// frame names it); 'z' and a zstd frame without one (an index too small for a dictionary, or
// built before them); or 'r' and the payload when zstd does not make it smaller. Xapian
// compresses no value of its own. The frames record the payload's size.
constexpr char kWithDictionary = 'd', kPacked = 'z', kRaw = 'r';
constexpr int kZstdLevel = 3;
constexpr std::size_t kMaxPayload = std::size_t{1} << 30;
// With a dictionary, small chunks compress as well as large ones do alone, and a snippet
// decompresses half the bytes (text_dictionary.h).
constexpr std::uint32_t kChunkBytes = 4096, kChunkBytesWithDictionary = TextDictionary::kChunkBytes;

// One context per thread, made once: making one per chunk would cost more than the chunk.
struct ZstdContexts {
    ZSTD_CCtx* compress = ZSTD_createCCtx();
    ZSTD_DCtx* decompress = ZSTD_createDCtx();
    ~ZstdContexts() {
        ZSTD_freeCCtx(compress);
        ZSTD_freeDCtx(decompress);
    }
};
ZstdContexts& zstd() {
    thread_local ZstdContexts contexts;
    return contexts;
}

std::string pack_chunk(const std::string& payload, const TextDictionary* dictionary) {
    std::string out(1 + ZSTD_compressBound(payload.size()), dictionary ? kWithDictionary : kPacked);
    const std::size_t size =
        dictionary ? ZSTD_compress_usingCDict(zstd().compress, out.data() + 1, out.size() - 1,
                                              payload.data(), payload.size(),
                                              dictionary->for_compression())
                   : ZSTD_compressCCtx(zstd().compress, out.data() + 1, out.size() - 1,
                                       payload.data(), payload.size(), kZstdLevel);
    if (ZSTD_isError(size) || size >= payload.size()) return kRaw + payload;
    out.resize(1 + size);
    return out;
}

// The dictionary a chunk names: the one the reader last met (a document's chunks all name the
// same), else the process's, read from `db` the first time.
class DictionaryLookup {
public:
    DictionaryLookup(const Xapian::Database* db, std::shared_ptr<const TextDictionary>& last)
        : db_(db), last_(last) {}
    const TextDictionary* find(std::uint32_t id) {
        if (last_ && last_->id() == id) return last_.get();
        if (!db_) return nullptr;
        auto found = TextDictionary::find(*db_, id);
        if (!found) return nullptr;
        last_ = std::move(*found);
        return last_.get();
    }

private:
    const Xapian::Database* db_;
    std::shared_ptr<const TextDictionary>& last_;
};

bool unpack_chunk(std::string_view value, std::string& payload, DictionaryLookup& dictionaries) {
    if (value.empty()) return false;
    const char format = value.front();
    value.remove_prefix(1);
    if (format == kRaw) {
        payload.assign(value.data(), value.size());
        return true;
    }
    if (format != kPacked && format != kWithDictionary) return false;
    const unsigned long long size = ZSTD_getFrameContentSize(value.data(), value.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxPayload) {
        return false;
    }
    payload.resize(size);
    std::size_t got = 0;
    if (format == kWithDictionary) {
        const TextDictionary* dictionary =
            dictionaries.find(ZSTD_getDictID_fromFrame(value.data(), value.size()));
        if (!dictionary) return false;
        got = ZSTD_decompress_usingDDict(zstd().decompress, payload.data(), payload.size(),
                                         value.data(), value.size(),
                                         dictionary->for_decompression());
    } else {
        got = ZSTD_decompressDCtx(zstd().decompress, payload.data(), payload.size(), value.data(),
                                  value.size());
    }
    return !ZSTD_isError(got) && got == size;
}

// Chunk k's payload: its mentions, then its text.
bool parse_chunk(std::string_view value, std::vector<Mention>& mentions, std::string& text,
                 DictionaryLookup& dictionaries) {
    std::string payload;
    if (!unpack_chunk(value, payload, dictionaries)) return false;
    std::string_view in(payload);
    std::uint64_t count = 0;
    if (!get_varint(in, count) || count > in.size()) return false;
    mentions.resize(count);
    for (Mention& m : mentions) {
        if (!get_mention(in, m)) return false;
    }
    text.assign(in.data(), in.size());
    return true;
}

}  // namespace

void store_record(const DocumentRecord& record, const TokenStream& body,
                  Xapian::termpos body_start, Xapian::Document& doc,
                  const TextDictionary* dictionary) {
    DocumentHeader header{record.meta, record.pages, {}};
    TextLayout& l = header.layout;
    l.chunk_bytes = dictionary ? kChunkBytesWithDictionary : kChunkBytes;
    l.text_bytes = static_cast<std::uint32_t>(record.text.size());
    l.token_count = static_cast<std::uint32_t>(body.size());
    l.body_start = static_cast<std::uint32_t>(body_start);
    doc.set_data(serialise_header(header));

    // Each mention goes to every chunk it overlaps, so a reader of one chunk sees them all.
    const std::uint32_t chunks = chunk_count(l);
    std::vector<std::string> mention_bytes(chunks);
    std::vector<std::uint64_t> mention_counts(chunks, 0);
    for (const Mention& m : record.mentions) {
        if (m.start >= l.text_bytes) continue;
        const std::uint32_t last = std::min(std::max(m.end, m.start + 1) - 1, l.text_bytes - 1);
        for (std::uint32_t k = m.start / l.chunk_bytes; k <= last / l.chunk_bytes; ++k) {
            put_mention(mention_bytes[k], m);
            ++mention_counts[k];
        }
    }
    for (std::uint32_t k = 0; k < chunks; ++k) {
        std::string value;
        put_varint(value, mention_counts[k]);
        value += mention_bytes[k];
        value.append(record.text, static_cast<std::size_t>(k) * l.chunk_bytes, l.chunk_bytes);
        doc.add_value(schema::kSlotTextChunks + k, pack_chunk(value, dictionary));
    }

    for (std::uint32_t first = 0, m = 0; first < l.token_count; first += l.map_positions, ++m) {
        std::string value;
        std::uint32_t previous = 0;
        const std::uint32_t end = std::min<std::uint64_t>(l.token_count,
                                                          std::uint64_t{first} + l.map_positions);
        for (std::uint32_t t = first; t < end; t += l.map_stride) {
            put_varint(value, body[t].start - previous);
            previous = body[t].start;
        }
        doc.add_value(schema::kSlotPositionMaps + m, value);
    }
}

Result<DocumentRecord> read_record(const Xapian::Document& doc, const Xapian::Database& db) {
    auto header = parse_header(doc.get_data());
    if (!header) return header.status();
    const TextLayout& l = header->layout;
    DocumentRecord record{header->meta, {}, header->pages, {}};
    record.text.reserve(l.text_bytes);
    const std::uint32_t chunks = chunk_count(l);
    std::uint32_t next = 0;
    std::vector<Mention> mentions;
    std::string text;
    std::shared_ptr<const TextDictionary> dictionary;
    DictionaryLookup dictionaries(&db, dictionary);
    // One pass over the document's values: remotely, that is one round trip.
    for (auto v = doc.values_begin(); v != doc.values_end() && next < chunks; ++v) {
        const Xapian::valueno slot = v.get_valueno();
        if (slot < schema::kSlotTextChunks) continue;
        if (slot != schema::kSlotTextChunks + next) return bad_value("chunk " + std::to_string(next) + " is missing");
        if (!parse_chunk(*v, mentions, text, dictionaries)) return bad_value("chunk " + std::to_string(next));
        for (Mention& m : mentions) {
            // A mention across a chunk border is stored in each chunk: keep it once.
            if (m.start / l.chunk_bytes == next) record.mentions.push_back(std::move(m));
        }
        record.text += text;
        ++next;
    }
    if (next != chunks || record.text.size() != l.text_bytes) {
        return bad_value("the text has " + std::to_string(record.text.size()) + " bytes, not " +
                         std::to_string(l.text_bytes));
    }
    for (Mention& m : record.mentions) {
        if (m.end > record.text.size()) return bad_value("a mention ends after the text");
        m.surface = record.text.substr(m.start, m.end - m.start);
    }
    return record;
}

StoredText::StoredText(Xapian::Document doc, const TextLayout& layout, const Xapian::Database& db)
    : doc_(std::move(doc)), layout_(layout), db_(&db) {}

Result<const StoredText::Chunk*> StoredText::chunk(std::uint32_t k) {
    if (auto it = chunks_.find(k); it != chunks_.end()) return &it->second;
    Chunk c;
    const std::string value = doc_.get_value(schema::kSlotTextChunks + k);
    const std::uint64_t want =
        std::min<std::uint64_t>(layout_.chunk_bytes,
                                layout_.text_bytes - std::uint64_t{k} * layout_.chunk_bytes);
    DictionaryLookup dictionaries(db_, dictionary_);
    if (value.empty() || !parse_chunk(value, c.mentions, c.text, dictionaries) ||
        c.text.size() != want) {
        return bad_value("chunk " + std::to_string(k));
    }
    return &chunks_.emplace(k, std::move(c)).first->second;
}

Result<std::string> StoredText::text(std::uint32_t lo, std::uint32_t hi) {
    hi = std::min(hi, layout_.text_bytes);
    std::string out;
    if (lo >= hi) return out;
    out.reserve(hi - lo);
    for (std::uint32_t k = lo / layout_.chunk_bytes; k <= (hi - 1) / layout_.chunk_bytes; ++k) {
        auto c = chunk(k);
        if (!c) return c.status();
        const std::uint32_t base = k * layout_.chunk_bytes;
        const std::uint32_t from = std::max(lo, base) - base;
        const std::uint32_t to = std::min<std::uint64_t>(hi, std::uint64_t{base} + (*c)->text.size()) - base;
        out.append((*c)->text, from, to - from);
    }
    return out;
}

Result<std::vector<Mention>> StoredText::mentions(std::uint32_t lo, std::uint32_t hi) {
    hi = std::min(hi, layout_.text_bytes);
    std::vector<Mention> out;
    if (lo >= hi) return out;
    for (std::uint32_t k = lo / layout_.chunk_bytes; k <= (hi - 1) / layout_.chunk_bytes; ++k) {
        auto c = chunk(k);
        if (!c) return c.status();
        for (const Mention& m : (*c)->mentions) {
            if (m.start < hi && std::max(m.end, m.start + 1) > lo) out.push_back(m);
        }
    }
    // A mention across a chunk border was read from each chunk: keep it once.
    std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) {
        return std::tie(a.start, a.end, a.type, a.entity) < std::tie(b.start, b.end, b.type, b.entity);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Mention& a, const Mention& b) {
                              return a.start == b.start && a.end == b.end && a.type == b.type &&
                                     a.entity == b.entity;
                          }),
              out.end());
    return out;
}

Result<StoredText::Checkpoint> StoredText::checkpoint(std::uint32_t token) {
    if (token >= layout_.token_count) return bad_value("token " + std::to_string(token) + " is past the end");
    const std::uint32_t m = token / layout_.map_positions;
    auto it = maps_.find(m);
    if (it == maps_.end()) {
        std::string_view value_view;
        const std::string value = doc_.get_value(schema::kSlotPositionMaps + m);
        value_view = value;
        std::vector<std::uint32_t> starts;
        std::uint64_t byte = 0, delta = 0;
        while (!value_view.empty()) {
            if (!get_varint(value_view, delta)) return bad_value("position map " + std::to_string(m));
            byte += delta;
            starts.push_back(static_cast<std::uint32_t>(byte));
        }
        it = maps_.emplace(m, std::move(starts)).first;
    }
    const std::uint32_t index = (token % layout_.map_positions) / layout_.map_stride;
    if (index >= it->second.size() || it->second[index] >= layout_.text_bytes) {
        return bad_value("position map " + std::to_string(m));
    }
    return Checkpoint{token - token % layout_.map_stride, it->second[index]};
}

}  // namespace consulta
