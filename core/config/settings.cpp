#include "core/config/settings.h"

#include <functional>
#include <map>
#include <string_view>

#include <toml++/toml.h>

namespace consulta {
namespace fs = std::filesystem;

namespace {

// One setter per known key: the table is the whole schema of the file, so an unknown key
// (usually a typo) is reported instead of silently ignored.
using Setter = std::function<Status(const toml::node&, Settings&, const fs::path& dir)>;

std::string where(const fs::path& file, const toml::node& node, std::string_view key) {
    return file.string() + ":" + std::to_string(node.source().begin.line) + ": " + std::string(key);
}

Status expected(const fs::path& file, const toml::node& node, std::string_view key,
                std::string_view what) {
    return {ErrorCode::kConfig, where(file, node, key) + ": expected " + std::string(what)};
}

Setter path_setter(fs::path GazetteerFiles::*field) {
    return [field](const toml::node& node, Settings& s, const fs::path& dir) -> Status {
        auto value = node.value<std::string>();
        if (!value || value->empty()) return {ErrorCode::kConfig, "a non-empty path string"};
        fs::path p(*value);
        s.gazetteers.*field = p.is_absolute() ? p : dir / p;
        return {};
    };
}

Setter int_setter(std::function<void(Settings&, std::int64_t)> set, std::int64_t min,
                  std::int64_t max) {
    return [set, min, max](const toml::node& node, Settings& s, const fs::path&) -> Status {
        auto value = node.value_exact<std::int64_t>();
        if (!value || *value < min || *value > max) {
            return {ErrorCode::kConfig,
                    "an integer from " + std::to_string(min) + " to " + std::to_string(max)};
        }
        set(s, *value);
        return {};
    };
}

Setter bool_setter(bool Settings::*field) {
    return [field](const toml::node& node, Settings& s, const fs::path&) -> Status {
        auto value = node.value_exact<bool>();
        if (!value) return {ErrorCode::kConfig, "true or false"};
        s.*field = *value;
        return {};
    };
}

Setter string_setter(std::function<void(Settings&, std::string)> set) {
    return [set](const toml::node& node, Settings& s, const fs::path&) -> Status {
        auto value = node.value_exact<std::string>();
        if (!value || value->empty()) return {ErrorCode::kConfig, "a non-empty string"};
        set(s, *value);
        return {};
    };
}

Setter searchd_count(std::size_t SearchdSettings::*field, std::int64_t min, std::int64_t max) {
    return int_setter([field](Settings& s, std::int64_t v) {
        s.searchd.*field = static_cast<std::size_t>(v); }, min, max);
}

Status set_cors(const toml::node& node, Settings& s, const fs::path&) {
    const auto* array = node.as_array();
    if (!array) return {ErrorCode::kConfig, "an array of origin strings"};
    s.searchd.cors_origins.clear();
    for (const auto& item : *array) {
        auto origin = item.value_exact<std::string>();
        if (!origin || origin->empty()) return {ErrorCode::kConfig, "an array of origin strings"};
        s.searchd.cors_origins.push_back(*origin);
    }
    return {};
}

const std::map<std::string, std::map<std::string, Setter>>& schema_table() {
    static const std::map<std::string, std::map<std::string, Setter>> table = {
        {"gazetteers",
         {{"iso_3166_1", path_setter(&GazetteerFiles::iso_3166_1)},
          {"states", path_setter(&GazetteerFiles::states)},
          {"mechanisms", path_setter(&GazetteerFiles::mechanisms)},
          {"organisations", path_setter(&GazetteerFiles::organisations)},
          {"state_context", path_setter(&GazetteerFiles::state_context)}}},
        {"tagging",
         {{"count_demonyms", bool_setter(&Settings::count_demonyms)},
          {"min_year", int_setter([](Settings& s, std::int64_t v) {
               s.tagging.years.min_year = static_cast<int>(v); }, 1000, 2999)},
          {"max_year", int_setter([](Settings& s, std::int64_t v) {
               s.tagging.years.max_year = static_cast<int>(v); }, 1000, 2999)}}},
        {"indexer",
         {{"batch_size", int_setter([](Settings& s, std::int64_t v) {
               s.indexer.batch_size = static_cast<std::size_t>(v); }, 1, 1000000)},
          {"stem_language", string_setter([](Settings& s, std::string v) {
               s.indexer.stem_language = std::move(v); })},
          {"max_file_mb", int_setter([](Settings& s, std::int64_t v) {
               s.indexer.max_file_bytes = static_cast<std::size_t>(v) << 20; }, 1, 4096)},
          {"max_text_mb", int_setter([](Settings& s, std::int64_t v) {
               s.indexer.max_text_bytes = static_cast<std::size_t>(v) << 20; }, 1, 1024)},
          {"writers", int_setter([](Settings& s, std::int64_t v) {
               s.indexer.writers = static_cast<std::size_t>(v); }, 1, 64)},
          {"parallel_min_documents", int_setter([](Settings& s, std::int64_t v) {
               s.indexer.parallel_min_documents = static_cast<std::size_t>(v); }, 1, 1 << 30)},
          {"lane_flush_documents", int_setter([](Settings& s, std::int64_t v) {
               s.indexer.lane_flush_documents = static_cast<std::size_t>(v); }, 1, 1000000)}}},
        {"searchd",
         {{"listen", string_setter([](Settings& s, std::string v) { s.searchd.listen = std::move(v); })},
          {"threads", int_setter([](Settings& s, std::int64_t v) {
               s.searchd.threads = static_cast<std::size_t>(v); }, 1, 256)},
          {"max_query_bytes", int_setter([](Settings& s, std::int64_t v) {
               s.searchd.max_query_bytes = static_cast<std::size_t>(v); }, 16, 1 << 20)},
          {"max_limit", int_setter([](Settings& s, std::int64_t v) {
               s.searchd.max_limit = static_cast<std::size_t>(v); }, 1, 10000)},
          {"cors_origins", set_cors},
          {"snippets_per_hit", int_setter([](Settings& s, std::int64_t v) {
               s.searchd.snippets_per_hit = static_cast<std::size_t>(v); }, 0, 20)},
          {"snippet_bytes", int_setter([](Settings& s, std::int64_t v) {
               s.searchd.snippet_bytes = static_cast<std::size_t>(v); }, 40, 4000)},
          {"web_root", string_setter([](Settings& s, std::string v) {
               s.searchd.web_root = std::move(v); })},
          {"head_timeout_seconds", searchd_count(&SearchdSettings::head_timeout_seconds, 1, 3600)},
          {"keep_alive_seconds", searchd_count(&SearchdSettings::keep_alive_seconds, 1, 3600)},
          {"write_timeout_seconds", searchd_count(&SearchdSettings::write_timeout_seconds, 1, 3600)},
          {"max_connections", searchd_count(&SearchdSettings::max_connections, 1, 1 << 20)},
          {"max_header_bytes", searchd_count(&SearchdSettings::max_header_bytes, 1024, 1 << 20)},
          {"max_headers", searchd_count(&SearchdSettings::max_headers, 1, 10000)},
          {"query_timeout_ms", searchd_count(&SearchdSettings::query_timeout_ms, 0, 3600000)},
          {"max_memory_mb", searchd_count(&SearchdSettings::max_memory_mb, 0, 1 << 20)},
          {"max_wildcards", searchd_count(&SearchdSettings::max_wildcards, 0, 1000)},
          {"max_wildcard_expansion", searchd_count(&SearchdSettings::max_wildcard_expansion, 1, 100000)},
          {"shard_connect_timeout_ms", int_setter([](Settings& s, std::int64_t v) {
               s.searchd.shard_connect_timeout_ms = static_cast<unsigned>(v); }, 1, 600000)},
          {"shard_timeout_ms", int_setter([](Settings& s, std::int64_t v) {
               s.searchd.shard_timeout_ms = static_cast<unsigned>(v); }, 1, 600000)},
          {"shard_retry_ms", int_setter([](Settings& s, std::int64_t v) {
               s.searchd.shard_retry_ms = static_cast<unsigned>(v); }, 0, 3600000)}}},
    };
    return table;
}

}  // namespace

Settings default_settings(const fs::path& config_dir) {
    Settings s;
    s.gazetteers.iso_3166_1 = fs::path(CONSULTA_ISO_CODES_DIR) / "iso_3166-1.json";
    s.gazetteers.states = config_dir / "states.tsv";
    s.gazetteers.mechanisms = config_dir / "mechanisms.tsv";
    s.gazetteers.organisations = config_dir / "organisations.tsv";
    s.gazetteers.state_context = config_dir / "state_context.tsv";
    return s;
}

fs::path default_config_dir() {
    // Next to an installed or built binary first (build/bin/../../config), then the source tree.
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
             dir = dir.parent_path()) {
            if (fs::exists(dir / "config" / "consulta.toml", ec)) return dir / "config";
        }
    }
    return fs::path(CONSULTA_SOURCE_DIR) / "config";
}

Result<Settings> load_settings(const fs::path& file) {
    const fs::path dir = fs::absolute(file).parent_path();
    Settings settings = default_settings(dir);
    settings.source = file;
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        const auto& begin = e.source().begin;
        return Status{ErrorCode::kConfig, file.string() + ":" + std::to_string(begin.line) + ":" +
                                              std::to_string(begin.column) + ": " +
                                              std::string(e.description())};
    }
    const auto& table = schema_table();
    const fs::path unset_context = settings.gazetteers.state_context;
    for (const auto& [section_key, section_node] : root) {
        const std::string section(section_key.str());
        auto known = table.find(section);
        const auto* section_table = section_node.as_table();
        if (known == table.end() || !section_table) {
            return Status{ErrorCode::kConfig,
                          where(file, section_node, section) +
                              ": unknown section (expected gazetteers, tagging, indexer or searchd)"};
        }
        for (const auto& [key_name, node] : *section_table) {
            const std::string key(key_name.str());
            const std::string full_key = section + "." + key;
            auto setter = known->second.find(key);
            if (setter == known->second.end()) {
                return Status{ErrorCode::kConfig, where(file, node, full_key) + ": unknown key"};
            }
            Status status = setter->second(node, settings, dir);
            if (!status) return expected(file, node, full_key, status.message());
        }
    }
    // The context rules belong with the state list: unless named, they are read beside it.
    if (settings.gazetteers.state_context == unset_context) {
        settings.gazetteers.state_context =
            settings.gazetteers.states.parent_path() / "state_context.tsv";
    }
    if (settings.tagging.years.min_year > settings.tagging.years.max_year) {
        return Status{ErrorCode::kConfig, file.string() + ": tagging.min_year is above tagging.max_year"};
    }
    return settings;
}

}  // namespace consulta
