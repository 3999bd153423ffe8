#include "indexer/source_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/text/encoding.h"
#include "indexer/html_text.h"
#include "indexer/pdf_text.h"

namespace consulta {

namespace {

// A heading longer than this is a paragraph, not a title: cut it at a word.
constexpr std::size_t kMaxHeadingBytes = 160;

std::string lowercase_extension(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

// "txt", "md", "html" or "pdf"; "" for a file the indexer does not read.
std::string format_of(const std::filesystem::path& file) {
    const std::string ext = lowercase_extension(file);
    if (ext == ".txt") return "txt";
    if (ext == ".md") return "md";
    if (ext == ".html" || ext == ".htm") return "html";
    if (ext == ".pdf") return "pdf";
    return "";
}

// "512 bytes", "12.5 KB", "3 MB": the size of a file as a person reads it.
std::string human_size(std::size_t bytes) {
    constexpr double kKilo = 1024.0;
    if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    double value = static_cast<double>(bytes) / kKilo;
    const char* unit = "KB";
    if (value >= kKilo) {
        value /= kKilo;
        unit = "MB";
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    std::string number = buffer;
    if (number.size() > 2 && number.compare(number.size() - 2, 2, ".0") == 0) {
        number.resize(number.size() - 2);
    }
    return number + " " + unit;
}

Status unreadable_errno(int error) {
    return {ErrorCode::kUnreadable, std::string("cannot read: ") + std::strerror(error)};
}

// Reads a whole regular file, refusing it before reading when it is over `max_bytes`.
Result<std::string> read_file_bytes(const std::filesystem::path& file, std::size_t max_bytes) {
    // O_NOFOLLOW: a file swapped for a symbolic link since the listing is not followed out of
    // the corpus. O_NONBLOCK: a FIFO swapped in cannot block the indexer (it fails fstat's
    // regular-file check below instead).
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ELOOP) return Status{ErrorCode::kUnreadable, "symbolic link, not followed"};
        return unreadable_errno(errno);
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        const int error = errno;
        ::close(fd);
        if (S_ISDIR(info.st_mode)) return unreadable_errno(EISDIR);
        if (info.st_mode != 0) return Status{ErrorCode::kUnreadable, "not a regular file"};
        return unreadable_errno(error);
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    if (size > max_bytes) {
        ::close(fd);
        return Status{ErrorCode::kUnreadable, "file is " + human_size(size) +
                                                  ", over the limit of " + human_size(max_bytes)};
    }
    std::string bytes;
    bytes.resize(size);
    std::size_t got = 0;
    int read_error = 0;
    // The file may change while it is read: take what is there, up to the limit. Past the
    // stat size a small buffer probes for more, so that a file read whole is never held twice
    // over (a grown buffer would be zero-filled, and counted, before the read).
    char probe[4096];
    while (true) {
        const bool within = got < bytes.size();
        const ssize_t n = within ? ::read(fd, bytes.data() + got, bytes.size() - got)
                                 : ::read(fd, probe, sizeof probe);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) read_error = errno;
        if (n <= 0) break;
        if (!within) {
            bytes.append(probe, static_cast<std::size_t>(n));
            if (bytes.size() > max_bytes) { got = bytes.size(); break; }
        }
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (read_error != 0) return unreadable_errno(read_error);
    if (got > max_bytes) {
        return Status{ErrorCode::kUnreadable, "file grew over the limit of " +
                                                  human_size(max_bytes) + " while it was read"};
    }
    bytes.resize(got);
    return bytes;
}

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// Cuts `text` to at most kMaxHeadingBytes, at a space when there is one, never inside a
// UTF-8 sequence.
std::string shorten_heading(std::string text) {
    if (text.size() <= kMaxHeadingBytes) return text;
    std::size_t cut = kMaxHeadingBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    const std::size_t space = text.rfind(' ', cut);
    if (space != std::string::npos && space > kMaxHeadingBytes / 2) cut = space;
    text.resize(cut);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text + "\xE2\x80\xA6";  // …
}

// One line as a heading: markdown ATX markers ("## Title ##") and '*' emphasis removed,
// whitespace collapsed. "" for a line with nothing else (a rule "***", a blank line).
std::string heading_from_line(std::string_view line) {
    std::string out;
    bool space = false;
    for (const char c : line) {
        if (c == '*') continue;
        if (is_blank(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    std::size_t start = 0;
    while (start < out.size() && (out[start] == '#' || out[start] == ' ')) ++start;
    out.erase(0, start);
    while (!out.empty() && (out.back() == '#' || out.back() == ' ')) out.pop_back();
    // Setext underlines, horizontal rules and front-matter fences are not headings.
    if (out.find_first_not_of("-=_ ") == std::string::npos) return "";
    return out;
}

// The first line of `text` that still says something once markdown markers are stripped.
std::string first_heading_of(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 BOM
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t newline = text.find('\n', pos);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        std::string heading = heading_from_line(text.substr(pos, end - pos));
        if (!heading.empty()) return shorten_heading(std::move(heading));
        pos = end + 1;
    }
    return "";
}

Status read_text_file(std::string_view bytes, SourceDocument& doc) {
    if (looks_binary(bytes)) return {ErrorCode::kUnreadable, "binary file, not text"};
    DecodedText decoded = decode_to_utf8(bytes);
    doc.text = std::move(decoded.text);
    doc.source_encoding = std::move(decoded.source_encoding);
    doc.replaced = decoded.replaced;
    doc.first_heading = first_heading_of(doc.text);
    return Status::ok();
}

Status read_html_file(std::string_view bytes, SourceDocument& doc) {
    if (looks_binary(bytes)) return {ErrorCode::kUnreadable, "binary file, not text"};
    DecodedText decoded = decode_html_bytes(bytes);
    HtmlText html = html_to_text(decoded.text);
    doc.text = std::move(html.text);
    doc.source_encoding = std::move(decoded.source_encoding);
    doc.replaced = decoded.replaced;
    if (!html.title.empty()) {
        doc.first_heading = shorten_heading(std::move(html.title));
    } else if (!html.first_h1.empty()) {
        doc.first_heading = shorten_heading(std::move(html.first_h1));
    } else {
        doc.first_heading = first_heading_of(doc.text);
    }
    return Status::ok();
}

Status read_pdf_file(std::string_view bytes, SourceDocument& doc) {
    Result<PdfText> pdf = extract_pdf_text(bytes);
    if (!pdf) return pdf.status();
    doc.text = std::move(pdf->text);
    doc.pages = std::move(pdf->pages);
    // PDF text comes out of poppler as Unicode: there is no source charset to report.
    doc.source_encoding = "";
    doc.first_heading =
        pdf->title.empty() ? first_heading_of(doc.text) : shorten_heading(std::move(pdf->title));
    return Status::ok();
}

Result<SourceDocument> decode(const std::filesystem::path& file, std::string bytes) {
    SourceDocument doc;
    doc.format = format_of(file);
    if (doc.format.empty()) {
        return Status{ErrorCode::kUnreadable,
                      "not a supported file type (.txt .md .html .htm .pdf): " + file.string()};
    }
    doc.id = file.stem().string();
    doc.path = file;
    Status status = doc.format == "pdf"    ? read_pdf_file(bytes, doc)
                    : doc.format == "html" ? read_html_file(bytes, doc)
                                           : read_text_file(bytes, doc);
    if (!status) return status;
    return doc;
}

Result<SourceDocument> read(const std::filesystem::path& file, std::size_t max_bytes) {
    if (format_of(file).empty()) return decode(file, "");  // the error, before any read
    Result<std::string> bytes = read_file_bytes(file, max_bytes);
    if (!bytes) return bytes.status();
    return decode(file, std::move(bytes).value());
}

}  // namespace

bool is_supported_source(const std::filesystem::path& file) {
    return !format_of(file).empty();
}

Result<std::string> read_regular_file(const std::filesystem::path& file, std::size_t max_bytes) {
    try {
        return read_file_bytes(file, max_bytes);
    } catch (const std::bad_alloc&) {
        return Status{ErrorCode::kUnreadable, "not enough memory to read the file"};
    }
}

Result<SourceDocument> read_source(const std::filesystem::path& file, std::string bytes) {
    try {
        return decode(file, std::move(bytes));
    } catch (const std::bad_alloc&) {
        return Status{ErrorCode::kUnreadable, "not enough memory to read the file"};
    } catch (const std::exception& e) {
        return Status{ErrorCode::kUnreadable, std::string("cannot read: ") + e.what()};
    }
}

Result<SourceDocument> read_source(const std::filesystem::path& file, std::size_t max_bytes) {
    try {
        return read(file, max_bytes);
    } catch (const std::bad_alloc&) {
        return Status{ErrorCode::kUnreadable, "not enough memory to read the file"};
    } catch (const std::exception& e) {
        return Status{ErrorCode::kUnreadable, std::string("cannot read: ") + e.what()};
    }
}

}  // namespace consulta
