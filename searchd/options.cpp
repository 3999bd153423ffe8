#include "searchd/options.h"

#include <charconv>

namespace consulta {
namespace {

std::optional<std::size_t> parse_count(std::string_view text, std::size_t max) {
    std::size_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0 ||
        value > max) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::string usage() {
    return "usage: consulta-searchd --index DIR [--config FILE] [--listen HOST:PORT]\n"
           "                        [--threads N] [--max-queue N]\n"
           "\n"
           "Serves the Consulta HTTP API and web page over an index built by consulta-indexer.\n"
           "\n"
           "  --index DIR         the index folder (required)\n"
           "  --config FILE       settings (default: the project's config/consulta.toml)\n"
           "  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0 = any free)\n"
           "  --threads N         worker threads (default: settings, 32)\n"
           "  --max-queue N       connections waiting for a worker before answering 503\n"
           "                      (default 4 x threads)\n"
           "  --help              this text\n"
           "\n"
           "Testing only (never in production): --test-fault throw:ROUTE makes the handler of\n"
           "ROUTE (as docs/api.md names it, e.g. /v1/stats) throw, to check the 500 answer;\n"
           "--test-fault hold:ROUTE holds its requests until the daemon is told to stop;\n"
           "--test-fault slow:ROUTE makes each of its requests take 100 ms longer.\n";
}

Result<CommandLine> parse_command_line(int argc, const char* const* argv) {
    CommandLine line;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            line.help = true;
            continue;
        }
        const bool takes_value = arg == "--index" || arg == "--config" || arg == "--listen" ||
                                 arg == "--threads" || arg == "--max-queue" ||
                                 arg == "--test-fault";
        if (!takes_value)
            return Status{ErrorCode::kConfig, "unknown option '" + std::string(arg) + "'"};
        if (i + 1 >= argc) return Status{ErrorCode::kConfig, std::string(arg) + " needs a value"};
        const std::string_view value = argv[++i];
        if (arg == "--index") {
            line.index_dir = value;
        } else if (arg == "--config") {
            line.config_file = value;
        } else if (arg == "--listen") {
            line.listen = std::string(value);
        } else if (arg == "--test-fault") {
            line.test_fault = std::string(value);
        } else {
            auto count = parse_count(value, 1024);
            if (!count) {
                return Status{ErrorCode::kConfig,
                              std::string(arg) + ": expected an integer from 1 to 1024, got '" +
                                  std::string(value) + "'"};
            }
            (arg == "--threads" ? line.threads : line.max_queued) = *count;
        }
    }
    if (!line.help && line.index_dir.empty()) {
        return Status{ErrorCode::kConfig, "--index DIR is required"};
    }
    return line;
}

Result<std::pair<std::string, int>> parse_listen(std::string_view text) {
    const auto bad = [&] {
        return Status{
            ErrorCode::kConfig,
            "listen: expected HOST:PORT such as 127.0.0.1:8080, got '" + std::string(text) + "'"};
    };
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return bad();
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    int port = -1;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (host.empty() || port_text.empty() || ec != std::errc{} ||
        end != port_text.data() + port_text.size() || port < 0 || port > 65535) {
        return bad();
    }
    return std::pair<std::string, int>{std::string(host), port};
}

}  // namespace consulta
