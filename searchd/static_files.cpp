#include "searchd/static_files.h"

#include <fstream>
#include <sstream>

namespace consulta {
namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxFileBytes = 8u << 20;  // the page is small; this is not a CDN

bool is_plain_name(const std::string& name) {
    if (name.empty() || name.front() == '.') return false;
    for (unsigned char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

std::string_view content_type_for(std::string_view extension) {
    if (extension == ".html") return "text/html; charset=utf-8";
    if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
    if (extension == ".css") return "text/css; charset=utf-8";
    if (extension == ".json" || extension == ".map") return "application/json; charset=utf-8";
    if (extension == ".svg") return "image/svg+xml";
    if (extension == ".png") return "image/png";
    if (extension == ".ico") return "image/x-icon";
    if (extension == ".woff2") return "font/woff2";
    if (extension == ".txt") return "text/plain; charset=utf-8";
    return {};
}

StaticFiles StaticFiles::load(const fs::path& root, std::vector<std::string>* skipped) {
    StaticFiles files;
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(root, ec))) return files;
    // The default iterator does not descend into symlinked folders; files are checked with
    // symlink_status so a symlinked file is skipped too.
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& path = it->path();
        const auto relative = path.lexically_relative(root);
        bool plain = true;
        for (const auto& part : relative) plain = plain && is_plain_name(part.string());
        const auto status = fs::symlink_status(path, ec);
        if (fs::is_directory(status)) {
            if (!plain) it.disable_recursion_pending();
            continue;
        }
        const auto type = content_type_for(path.extension().string());
        if (!plain || !fs::is_regular_file(status) || type.empty() ||
            fs::file_size(path, ec) > kMaxFileBytes) {
            if (skipped) skipped->push_back(relative.string());
            continue;
        }
        std::ifstream in(path, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        if (!in) {
            if (skipped) skipped->push_back(relative.string());
            continue;
        }
        files.files_["/" + relative.generic_string()] = {content.str(), std::string(type)};
    }
    if (auto index = files.files_.find("/index.html"); index != files.files_.end()) {
        files.files_["/"] = index->second;
    }
    return files;
}

const StaticFile* StaticFiles::find(std::string_view url_path) const {
    auto it = files_.find(url_path);
    return it == files_.end() ? nullptr : &it->second;
}

std::vector<std::string> StaticFiles::url_paths() const {
    std::vector<std::string> paths;
    for (const auto& [path, file] : files_) paths.push_back(path);
    return paths;
}

}  // namespace consulta
