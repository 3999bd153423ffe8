#include <gtest/gtest.h>

#include <fstream>

#include "core/config/settings.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;

fs::path write_config(const std::string& name, const std::string& text) {
    const fs::path path = fs::temp_directory_path() / name;
    std::ofstream(path) << text;
    return path;
}

TEST(Settings, ProjectConfigLoadsWithItsDefaults) {
    auto settings = load_settings(default_config_dir() / "consulta.toml");
    ASSERT_TRUE(settings.is_ok()) << settings.status().message();
    EXPECT_EQ(settings->searchd.listen, "127.0.0.1:8080");
    EXPECT_EQ(settings->searchd.max_limit, 100u);
    EXPECT_TRUE(settings->searchd.cors_origins.empty());
    EXPECT_TRUE(settings->count_demonyms);
    EXPECT_EQ(settings->gazetteers.states, default_config_dir() / "states.tsv");
    EXPECT_EQ(settings->gazetteers.iso_3166_1, "/usr/share/iso-codes/json/iso_3166-1.json");
}

TEST(Settings, ValuesOverrideDefaultsAndRelativePathsFollowTheFile) {
    const fs::path file = write_config("consulta-settings-ok.toml",
                                       "[searchd]\nthreads = 3\ncors_origins = [\"*\"]\n"
                                       "[gazetteers]\nstates = \"my/states.tsv\"\n"
                                       "[tagging]\ncount_demonyms = false\n");
    auto settings = load_settings(file);
    ASSERT_TRUE(settings.is_ok()) << settings.status().message();
    EXPECT_EQ(settings->searchd.threads, 3u);
    EXPECT_EQ(settings->searchd.cors_origins, std::vector<std::string>{"*"});
    EXPECT_EQ(settings->gazetteers.states, file.parent_path() / "my/states.tsv");
    EXPECT_FALSE(settings->count_demonyms);
}

TEST(Settings, FileAndTextLimitsAreMegabytesWithSensibleDefaults) {
    // The defaults (config/consulta.toml says the same): 64 MB files, 16 MB of text each.
    EXPECT_EQ(default_settings(default_config_dir()).indexer.max_file_bytes, 64u << 20);
    EXPECT_EQ(default_settings(default_config_dir()).indexer.max_text_bytes, 16u << 20);
    auto project = load_settings(default_config_dir() / "consulta.toml");
    ASSERT_TRUE(project.is_ok()) << project.status().message();
    EXPECT_EQ(project->indexer.max_file_bytes, 64u << 20);
    EXPECT_EQ(project->indexer.max_text_bytes, 16u << 20);
    const fs::path file = write_config("consulta-settings-limits.toml", "[indexer]\nmax_file_mb = 8\nmax_text_mb = 2\n");
    auto settings = load_settings(file);
    ASSERT_TRUE(settings.is_ok()) << settings.status().message();
    EXPECT_EQ(settings->indexer.max_file_bytes, 8u << 20);
    EXPECT_EQ(settings->indexer.max_text_bytes, 2u << 20);
    const fs::path bad = write_config("consulta-settings-limits-bad.toml", "[indexer]\nmax_text_mb = 0\n");
    auto refused = load_settings(bad);
    ASSERT_FALSE(refused.is_ok());
    EXPECT_EQ(refused.status().message(), bad.string() + ":2: indexer.max_text_mb: expected an integer from 1 to 1024");
}

TEST(Settings, ClientLimitsAndQueryBudgetsAreRead) {
    const fs::path file = write_config("consulta-settings-client-limits.toml",
                                       "[searchd]\nhead_timeout_seconds = 3\nmax_headers = 50\n"
                                       "query_timeout_ms = 500\nmax_wildcards = 2\n"
                                       "max_memory_mb = 0\n");
    auto settings = load_settings(file);
    ASSERT_TRUE(settings.is_ok()) << settings.status().message();
    EXPECT_EQ(settings->searchd.head_timeout_seconds, 3u);
    EXPECT_EQ(settings->searchd.max_headers, 50u);
    EXPECT_EQ(settings->searchd.query_timeout_ms, 500u);
    EXPECT_EQ(settings->searchd.max_wildcards, 2u);
    EXPECT_EQ(settings->searchd.max_memory_mb, 0u);
    EXPECT_EQ(settings->searchd.keep_alive_seconds, 5u);  // untouched: the default
    const fs::path bad = write_config("consulta-settings-client-limits-bad.toml",
                                      "[searchd]\nmax_header_bytes = 10\n");
    auto refused = load_settings(bad);
    ASSERT_FALSE(refused.is_ok());
    EXPECT_EQ(refused.status().message(),
              bad.string() + ":2: searchd.max_header_bytes: expected an integer from 1024 to 1048576");
}

TEST(Settings, BadValueNamesFileLineKeyAndExpectation) {
    const fs::path file = write_config("consulta-settings-bad.toml",
                                       "# comment\n[searchd]\nlisten = \"x:1\"\nthreads = \"many\"\n");
    auto settings = load_settings(file);
    ASSERT_FALSE(settings.is_ok());
    EXPECT_EQ(settings.status().code(), ErrorCode::kConfig);
    EXPECT_EQ(settings.status().message(),
              file.string() + ":4: searchd.threads: expected an integer from 1 to 256");
}

TEST(Settings, UnknownKeyIsAnError) {
    const fs::path file = write_config("consulta-settings-typo.toml", "[searchd]\nthred = 3\n");
    auto settings = load_settings(file);
    ASSERT_FALSE(settings.is_ok());
    EXPECT_EQ(settings.status().message(), file.string() + ":2: searchd.thred: unknown key");
}

TEST(Settings, SyntaxErrorNamesLineAndColumn) {
    const fs::path file = write_config("consulta-settings-syntax.toml", "[searchd\n");
    auto settings = load_settings(file);
    ASSERT_FALSE(settings.is_ok());
    EXPECT_EQ(settings.status().message().rfind(file.string() + ":1:", 0), 0u)
        << settings.status().message();
}

}  // namespace
}  // namespace consulta
