#include "indexer/catalog.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

namespace consulta {

namespace {

constexpr std::int64_t kFirstYear = 1800;
constexpr std::int64_t kLastYear = 2100;

// Collects every problem of a catalogue, so that one run of the indexer shows them all.
class CatalogChecker {
public:
    explicit CatalogChecker(std::string file) : file_(std::move(file)) {}

    void error(const toml::source_region& where, std::string_view key, std::string_view what) {
        std::string message = file_ + ":" + std::to_string(where.begin.line) + ": ";
        message.append(key).append(": ").append(what);
        errors_.push_back(std::move(message));
    }

    bool ok() const { return errors_.empty(); }

    std::string report() const {
        std::string all;
        for (const std::string& e : errors_) {
            if (!all.empty()) all += '\n';
            all += e;
        }
        return all;
    }

private:
    std::string file_;
    std::vector<std::string> errors_;
};

std::string describe(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "the string \"" + std::string(*node.value<std::string_view>()) + "\"";
        case toml::node_type::integer:
            return "the integer " + std::to_string(*node.value<std::int64_t>());
        case toml::node_type::floating_point: return "a floating-point number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::none: break;
    }
    return "nothing";
}

std::string kinds_list() {
    std::string out;
    for (const std::string_view kind : kDocumentKinds) {
        if (!out.empty()) out += ", ";
        out.append("\"").append(kind).append("\"");
    }
    return out;
}

// The dotted TOML path of a key, as a person would look for it in the file.
std::string key_path(std::string_view id, std::string_view key = {}) {
    std::string path = "documents.\"" + std::string(id) + "\"";
    if (!key.empty()) path.append(".").append(key);
    return path;
}

CatalogEntry parse_entry(std::string_view id, const toml::table& table, CatalogChecker& check) {
    CatalogEntry entry;
    for (const auto& [key, node] : table) {
        const std::string path = key_path(id, key.str());
        if (key == "title" || key == "publisher") {
            const auto text = node.value<std::string>();
            const bool is_title = key == "title";
            if (!node.is_string()) {
                check.error(node.source(), path, "expected a string, got " + describe(node));
            } else if (is_title && text->find_first_not_of(" \t") == std::string::npos) {
                check.error(node.source(), path, "expected a non-empty title");
            } else {
                (is_title ? entry.title : entry.publisher) = *text;
            }
        } else if (key == "kind") {
            const auto kind = node.value<std::string_view>();
            const bool known =
                node.is_string() && std::find(std::begin(kDocumentKinds), std::end(kDocumentKinds),
                                              *kind) != std::end(kDocumentKinds);
            if (!known) {
                check.error(node.source(), path,
                            "expected one of " + kinds_list() + ", got " + describe(node));
            } else {
                entry.kind = *kind;
            }
        } else if (key == "published") {
            const auto year = node.is_integer() ? node.value<std::int64_t>() : std::nullopt;
            if (!year || *year < kFirstYear || *year > kLastYear) {
                check.error(node.source(), path,
                            "expected a year as an integer from " + std::to_string(kFirstYear) +
                                " to " + std::to_string(kLastYear) + ", got " + describe(node));
            } else {
                entry.published = static_cast<int>(*year);
            }
        } else {
            check.error(key.source(), path,
                        "unknown key; expected title, kind, publisher or published");
        }
    }
    return entry;
}

using EntryMap = std::map<std::string, CatalogEntry, std::less<>>;

Result<EntryMap> parse_catalog(const std::filesystem::path& file) {
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        const toml::source_position& at = e.source().begin;
        return Status{ErrorCode::kConfig, file.string() + ":" + std::to_string(at.line) + ":" +
                                              std::to_string(at.column) + ": " +
                                              std::string(e.description())};
    }
    EntryMap entries;
    CatalogChecker check(file.string());
    for (const auto& [key, node] : root) {
        if (key != "documents") {
            check.error(key.source(), key.str(),
                        "unknown key; expected only [documents.\"<id>\"] tables");
            continue;
        }
        const toml::table* documents = node.as_table();
        if (documents == nullptr) {
            check.error(node.source(), "documents",
                        "expected a table of [documents.\"<id>\"] entries, got " + describe(node));
            continue;
        }
        for (const auto& [id, entry] : *documents) {
            const toml::table* table = entry.as_table();
            if (table == nullptr) {
                check.error(entry.source(), key_path(id.str()),
                            "expected a table with title, kind, publisher and published, got " +
                                describe(entry));
                continue;
            }
            if (id.str().empty()) {
                check.error(id.source(), key_path(id.str()), "expected a document id");
                continue;
            }
            entries.emplace(std::string(id.str()), parse_entry(id.str(), *table, check));
        }
    }
    if (!check.ok()) return Status{ErrorCode::kConfig, check.report()};
    return entries;
}

}  // namespace

Result<Catalog> Catalog::load(const std::filesystem::path& file) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(file, ec);
    if (ec) return Status{ErrorCode::kConfig, file.string() + ": " + ec.message()};
    Catalog catalog;
    if (!exists) return catalog;  // a corpus without a catalogue: titles come from the files
    if (!std::filesystem::is_regular_file(file, ec)) {
        return Status{ErrorCode::kConfig,
                      file.string() + ": not a file; expected a TOML catalogue"};
    }
    try {
        Result<EntryMap> entries = parse_catalog(file);
        if (!entries) return entries.status();
        catalog.entries_ = std::move(*entries);
        return catalog;
    } catch (const std::exception& e) {
        return Status{ErrorCode::kConfig, file.string() + ": " + e.what()};
    }
}

const CatalogEntry* Catalog::find(std::string_view id) const {
    const auto it = entries_.find(id);
    return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace consulta
