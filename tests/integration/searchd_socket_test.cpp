// TCP_NODELAY read back from the socket the server accepted. The server is a library, so it
// runs in this process over an index of the corpus, and the accepted socket is one of this
// process's own descriptors: found by its addresses, then asked with getsockopt.
#include <dirent.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/entities/gazetteer.h"
#include "searchd/openapi.h"
#include "searchd/server.h"
#include "tests/support/searchd_daemon.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
using test_support::TempDir;

int local_port(int fd, bool peer) {
    sockaddr_in addr{};
    socklen_t size = sizeof addr;
    const int rc = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &size)
                        : getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
    if (rc != 0 || addr.sin_family != AF_INET) return -1;
    return ntohs(addr.sin_port);
}

int nodelay(int fd) {
    int on = -1;
    socklen_t size = sizeof on;
    EXPECT_EQ(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, &size), 0);
    return on;
}

// This process's descriptors that are TCP sockets from server_port to client_port.
std::vector<int> accepted_sockets(int server_port, int client_port) {
    std::vector<int> found;
    DIR* dir = opendir("/proc/self/fd");
    if (!dir) return found;
    while (const dirent* entry = readdir(dir)) {
        if (entry->d_name[0] == '.') continue;
        const int fd = std::atoi(entry->d_name);
        // The link's name, not fstat(): the server opens and closes descriptors on its own
        // threads meanwhile, and only a look through /proc leaves them alone.
        char target[64] = {};
        const std::string link = "/proc/self/fd/" + std::string(entry->d_name);
        if (readlink(link.c_str(), target, sizeof target - 1) <= 0 ||
            std::string_view(target).rfind("socket:", 0) != 0) {
            continue;
        }
        if (local_port(fd, false) == server_port && local_port(fd, true) == client_port) {
            found.push_back(fd);
        }
    }
    closedir(dir);
    return found;
}

TEST(SearchdSocket, AcceptedConnectionsHaveTcpNoDelay) {
    TempDir dir;
    const Settings settings = test_support::project_settings();
    auto summary =
        index_corpus({test_support::kSourceDir / "corpus", dir.path() / "index", settings, {}});
    ASSERT_TRUE(summary.is_ok()) << summary.status().message();
    auto gazetteer = Gazetteer::load(settings.gazetteers);
    ASSERT_TRUE(gazetteer.is_ok()) << gazetteer.status().message();
    auto shared = std::make_shared<const Gazetteer>(std::move(gazetteer).value());
    SearcherPool searchers(dir.path() / "index", shared, settings);
    Metrics metrics;
    const StaticFiles web = StaticFiles::load(CONSULTA_SEARCHD_WEB_DIR);
    App app{settings, searchers, metrics, web, openapi_document(), std::make_shared<QueueGauges>()};
    SearchServer server(app, ServerOptions{"127.0.0.1", 0, 2, 0, std::nullopt, FrontLimits{}});
    auto port = server.bind();
    ASSERT_TRUE(port.is_ok()) << port.status().message();
    std::thread serving([&] { server.run(); });

    const int client = test_support::connect_to(*port);
    // Nagle is on by default: a 1 read back below is the server's doing, not the system's.
    EXPECT_EQ(nodelay(client), 0);
    // An answer means the server has accepted the connection; keep-alive keeps it open.
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    ASSERT_EQ(send(client, request.data(), request.size(), 0),
              static_cast<ssize_t>(request.size()));
    char first[16] = {};
    ASSERT_GT(recv(client, first, sizeof first - 1, 0), 0);
    EXPECT_EQ(std::string(first).rfind("HTTP/1.1 200", 0), 0u) << first;

    const auto accepted = accepted_sockets(*port, local_port(client, false));
    ASSERT_EQ(accepted.size(), 1u);
    EXPECT_EQ(nodelay(accepted[0]), 1);

    close(client);
    server.stop();
    serving.join();
}

}  // namespace
}  // namespace consulta
