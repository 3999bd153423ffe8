#pragma once
// The command line of consulta-searchd.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/common/status.h"

namespace consulta {

/// What the command line asked for; settings from the config file fill the rest.
struct CommandLine {
    std::filesystem::path index_dir;
    std::filesystem::path config_file;  ///< empty: default_config_dir()/consulta.toml
    std::optional<std::string> listen;  ///< HOST:PORT
    std::optional<std::size_t> threads;
    std::optional<std::size_t> max_queued;
    std::optional<std::string> test_fault;  ///< testing only: throw:ROUTE or hold:ROUTE
    bool help = false;
};

/// Parses argv. kConfig with a message for anything unusable.
Result<CommandLine> parse_command_line(int argc, const char* const* argv);

/// The --help text.
std::string usage();

/// "127.0.0.1:8080" -> {"127.0.0.1", 8080}; "[::1]:0" -> {"::1", 0}. Port 0 = any free port.
Result<std::pair<std::string, int>> parse_listen(std::string_view text);

}  // namespace consulta
