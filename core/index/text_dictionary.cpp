#include "core/index/text_dictionary.h"

#include <map>
#include <mutex>

#include <zdict.h>
#include <zstd.h>

namespace consulta {

namespace {

// zstd's own advice is a dictionary of about 100 KB, and samples about 100 times that.
constexpr std::size_t kMaxDictionaryBytes = 110 * 1024;
constexpr int kLevel = 3;
// Dictionaries of every index the process has read: few, so a bound only guards against
// a collection rebuilt very many times under one long-running daemon.
constexpr std::size_t kMaxKept = 64;

std::string key_of(std::uint32_t id) {
    return std::string(TextDictionary::kMetaPrefix) + std::to_string(id);
}

}  // namespace

std::shared_ptr<const TextDictionary> TextDictionary::from_bytes(std::string bytes) {
    const unsigned id = ZDICT_getDictID(bytes.data(), bytes.size());
    if (id == 0) return nullptr;  // not a zstd dictionary (or one without an id)
    std::shared_ptr<TextDictionary> d(new TextDictionary);
    d->bytes_ = std::move(bytes);
    d->id_ = id;
    d->compress_ = ZSTD_createCDict(d->bytes_.data(), d->bytes_.size(), kLevel);
    d->decompress_ = ZSTD_createDDict(d->bytes_.data(), d->bytes_.size());
    if (!d->compress_ || !d->decompress_) return nullptr;
    return d;
}

TextDictionary::~TextDictionary() {
    ZSTD_freeCDict(compress_);
    ZSTD_freeDDict(decompress_);
}

std::shared_ptr<const TextDictionary> TextDictionary::train(const std::vector<std::string>& samples) {
    std::string joined;
    std::vector<std::size_t> sizes;
    for (const std::string& s : samples) {
        if (s.empty()) continue;
        joined += s;
        sizes.push_back(s.size());
    }
    if (joined.size() < kMinSampleBytes || sizes.size() < 8) return nullptr;
    std::string bytes(std::min(kMaxDictionaryBytes, joined.size() / 8), '\0');
    const std::size_t size = ZDICT_trainFromBuffer(bytes.data(), bytes.size(), joined.data(),
                                                   sizes.data(), static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(size)) return nullptr;  // too little to learn from: chunks go without
    bytes.resize(size);
    return from_bytes(std::move(bytes));
}

Result<std::shared_ptr<const TextDictionary>> TextDictionary::current(const Xapian::Database& db) {
    try {
        const std::string id_text = db.get_metadata(std::string(kMetaCurrent));
        if (id_text.empty()) return std::shared_ptr<const TextDictionary>();
        std::uint32_t id = 0;
        try {
            id = static_cast<std::uint32_t>(std::stoul(id_text));
        } catch (const std::exception&) {
            return Status{ErrorCode::kIndex, "the text dictionary id is damaged: " + id_text};
        }
        return find(db, id);
    } catch (const Xapian::Error& e) {
        return Status{ErrorCode::kIndex, "cannot read the text dictionary: " + e.get_description()};
    }
}

Result<std::shared_ptr<const TextDictionary>> TextDictionary::find(const Xapian::Database& db,
                                                                   std::uint32_t id) {
    static std::mutex mutex;
    static std::map<std::uint32_t, std::shared_ptr<const TextDictionary>> kept;
    {
        std::lock_guard lock(mutex);
        if (auto it = kept.find(id); it != kept.end()) return it->second;
    }
    std::string bytes;
    try {
        bytes = db.get_metadata(key_of(id));
    } catch (const Xapian::Error& e) {
        return Status{ErrorCode::kIndex, "cannot read text dictionary " + std::to_string(id) + ": " +
                                             e.get_description()};
    }
    auto dictionary = from_bytes(std::move(bytes));
    if (!dictionary || dictionary->id() != id) {
        return Status{ErrorCode::kIndex, "stored text is damaged: text dictionary " +
                                             std::to_string(id) + " is missing or broken"};
    }
    std::lock_guard lock(mutex);
    if (kept.size() >= kMaxKept) kept.clear();
    return kept.emplace(id, std::move(dictionary)).first->second;
}

void TextDictionary::store_in(Xapian::WritableDatabase& db) const {
    db.set_metadata(key_of(id_), bytes_);
    db.set_metadata(std::string(kMetaCurrent), std::to_string(id_));
}

}  // namespace consulta
