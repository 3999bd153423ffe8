#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace consulta {

/// What a person wrote about one document in the corpus catalogue.
struct CatalogEntry {
    std::string title;
    std::string kind;       ///< one of kDocumentKinds
    std::string publisher;
    int published = 0;      ///< publication year, 0 when unknown
};

inline constexpr std::string_view kDocumentKinds[] = {"report", "workshop record", "case study",
                                                      "presentation"};

/// The corpus catalogue (corpus/catalog.toml): one [documents."<id>"] table per document.
class Catalog {
public:
    /// Loads and validates a catalogue. A missing file is an empty catalogue; a bad entry is
    /// a kConfig error naming the file, the line and the key.
    static Result<Catalog> load(const std::filesystem::path& file);

    /// The entry for a document id, or nullptr.
    const CatalogEntry* find(std::string_view id) const;
    std::size_t size() const { return entries_.size(); }

private:
    std::map<std::string, CatalogEntry, std::less<>> entries_;
};

}  // namespace consulta
