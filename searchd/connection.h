#pragma once
// One client connection as searchd keeps it between requests, and the Stream that httplib's
// request parser reads from and writes to.
//
// Why not httplib's own SocketStream (0.11.4): it is made anew for every request, so the bytes
// it read past the end of a request (up to its 4,096-byte buffer) are thrown away and the next
// request is read from the middle of the client's stream (pipelined requests lost, junk ahead
// of a request executed); its timeouts are per read and per write, so a client sending one
// byte a second or reading one byte a second holds a worker for ever. Here the connection's
// unread bytes live in `Connection::buffer` for its whole life, the request head is read by the
// ConnectionHub without a worker, and a worker writes a response against one deadline.
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace consulta {

using SteadyClock = std::chrono::steady_clock;

/// A client connection and what it sent that no request has consumed yet.
struct Connection {
    int fd = -1;
    std::string buffer;            ///< bytes received and not yet parsed
    std::size_t served = 0;        ///< requests answered on this connection
    bool client_done = false;      ///< the client closed its side after sending
    /// Answer bytes the client has not taken yet: the hub sends them, so that a client that
    /// reads slowly (or not at all) holds no worker. At most kMaxPendingOutput of them.
    std::string pending_out;
    bool close_after_flush = false;  ///< close once pending_out is sent
};

/// Answer bytes a connection may leave to the hub; a worker waits for the rest.
inline constexpr std::size_t kMaxPendingOutput = 512 * 1024;

/// The offset just past the blank line that ends the first request head in `bytes`, or npos
/// when the head is not complete yet. httplib reads the same head: lines up to CRLF CRLF.
std::size_t head_end(std::string_view bytes);

/// The number of lines in a (possibly partial) head, the request line included.
std::size_t head_lines(std::string_view bytes);

/// Sends `bytes` without ever blocking (what does not fit is dropped), reads what the client
/// already sent so that closing does not reset the connection under its answer, and closes.
void send_and_close(int fd, std::string_view bytes);

/// A whole HTTP/1.1 answer with the API's JSON error body and Connection: close, for the
/// connections turned away before httplib sees them (503 overloaded, 408, 431).
std::string canned_error(int status, std::string_view reason, std::string_view code,
                         std::string_view message);

/// The Stream a worker hands to httplib::Server::process_request(). Reads come from the
/// connection's buffer only (the hub read a complete head into it; request bodies are never
/// read), so a worker never waits for a client to send. Writes share one deadline per
/// response: a client that does not read holds a worker for `write_timeout` at most.
class ConnectionStream : public httplib::Stream {
public:
    ConnectionStream(Connection& connection, std::chrono::milliseconds write_timeout);

    /// Starts the next request: its response gets a fresh write deadline.
    void next_request();

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    /// httplib 0.11.4 uses this only to answer 500 for descriptors at or over FD_SETSIZE,
    /// which its select()-based SocketStream cannot wait on. This stream waits with poll(),
    /// so it reports no descriptor (-1) and any number of connections can be served.
    socket_t socket() const override;

private:
    bool wait_writable() const;

    Connection& connection_;
    std::size_t consumed_ = 0;  ///< bytes of connection_.buffer httplib has read
    std::chrono::milliseconds write_timeout_;
    mutable bool deadline_set_ = false;
    mutable SteadyClock::time_point write_deadline_;

    friend void finish_reading(ConnectionStream& stream);
};

/// Drops from the connection's buffer the bytes httplib consumed.
void finish_reading(ConnectionStream& stream);

}  // namespace consulta
