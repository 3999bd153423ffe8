#pragma once
// The web page's files, read once at startup into memory. Only regular files with plain
// names and a known type are served; nothing is looked up on disk per request, so symlinks,
// "..", "%00" and files added later cannot be reached.
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace consulta {

/// One file of the page.
struct StaticFile {
    std::string content;
    std::string content_type;
};

/// An immutable allow-list of files, keyed by URL path ("/app.js"); "/" is index.html.
class StaticFiles {
public:
    /// Reads every servable file under `root` (not following symlinks). Files with other
    /// names or types are skipped and reported in `skipped`. A missing root gives no files.
    static StaticFiles load(const std::filesystem::path& root,
                            std::vector<std::string>* skipped = nullptr);

    /// The file for a URL path, or nullptr.
    const StaticFile* find(std::string_view url_path) const;

    /// Every URL path served, "/" included when there is an index.html.
    std::vector<std::string> url_paths() const;

    std::size_t size() const { return files_.size(); }

private:
    std::map<std::string, StaticFile, std::less<>> files_;
};

/// The Content-Type for a file extension (".js"), or "" when it is not served.
std::string_view content_type_for(std::string_view extension);

}  // namespace consulta
