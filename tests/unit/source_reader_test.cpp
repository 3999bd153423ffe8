#include "indexer/source_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "indexer/html_text.h"
#include "indexer/pdf_text.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kNoLimit = 64 * 1024 * 1024;

fs::path source(const std::string& name) {
    return fs::path(CONSULTA_TEST_DATA_DIR) / "sources" / name;
}


// A fresh folder per test, removed afterwards.
class TempDir {
public:
    TempDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = fs::temp_directory_path() /
                ("consulta_reader_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

TEST(SourceReader, Utf8TextIsKeptByteForByte) {
    const Result<SourceDocument> doc = read_source(source("utf8_bom.txt"), kNoLimit);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->id, "utf8_bom");
    EXPECT_EQ(doc->format, "txt");
    EXPECT_EQ(doc->path, source("utf8_bom.txt"));
    EXPECT_EQ(doc->text,
              test_support::read_file(source("utf8_bom.txt")));  // BOM included: offsets = file offsets
    EXPECT_EQ(doc->source_encoding, "UTF-8");
    EXPECT_EQ(doc->replaced, 0u);
    EXPECT_TRUE(doc->pages.empty());
    EXPECT_EQ(doc->first_heading, "Migration Dialogue for Southern Africa");
}

TEST(SourceReader, Windows1252TextIsConverted) {
    const Result<SourceDocument> doc = read_source(source("windows1252.txt"), kNoLimit);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->text,
              "\xE2\x80\x9CSmart quotes\xE2\x80\x9D at the caf\xC3\xA9 cost \xE2\x82\xAC"
              "5 in S\xC3\xB6"
              "derk\xC3\xB6ping.\n");
    EXPECT_EQ(doc->source_encoding, "windows-1252");
    EXPECT_EQ(doc->replaced, 0u);
}

TEST(SourceReader, InvalidUtf8IsReplacedAndCounted) {
    const Result<SourceDocument> doc = read_source(source("invalid_utf8.txt"), kNoLimit);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->text,
              "Caf\xC3\xA9 na\xC3\xAFve S\xC3\xB6"
              "derk\xC3\xB6ping \xEF\xBF\xBD and "
              "\xEF\xBF\xBD end\n");
    EXPECT_EQ(doc->source_encoding, "UTF-8");
    EXPECT_EQ(doc->replaced, 2u);
}

TEST(SourceReader, EmptyFileIsEmptyText) {
    const Result<SourceDocument> doc = read_source(source("empty.txt"), kNoLimit);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->text, "");
    EXPECT_EQ(doc->first_heading, "");
    EXPECT_EQ(doc->replaced, 0u);
}

TEST(SourceReader, BinaryFileIsUnreadable) {
    const Result<SourceDocument> doc = read_source(source("binary.txt"), kNoLimit);
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.status().code(), ErrorCode::kUnreadable);
    EXPECT_EQ(doc.status().message(), "binary file, not text");
}

TEST(SourceReader, MarkdownHeadingLosesItsMarkers) {
    const Result<SourceDocument> doc = read_source(source("notes.md"), kNoLimit);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->format, "md");
    EXPECT_EQ(doc->text, test_support::read_file(source("notes.md")));
    EXPECT_EQ(doc->first_heading, "Regional Conference on Migration");
}

TEST(SourceReader, HtmlLosesMarkupAndKeepsItsTitle) {
    const Result<SourceDocument> doc = read_source(source("page.html"), kNoLimit);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->format, "html");
    EXPECT_EQ(doc->source_encoding, "UTF-8");
    EXPECT_EQ(doc->first_heading, "MIDSA & the Puebla Process");
    EXPECT_EQ(doc->text,
              "MIDSA & the Puebla Process\n"
              "\n"
              "Migration Dialogue\n"
              "\n"
              "Botswana and Lesotho's delegates \xE2\x80\x9Cmet\xE2\x80\x9D in 2006 <again>.\n"
              "Caf\xC3\xA9 \xE2\x82\xAC"
              "5 & more &unknown; text.\n"
              "\n"
              "One\n"
              "Two\n"
              "\n"
              "Year\tState\n"
              "2006\tZA");
}

TEST(SourceReader, HtmlDeclaredCharsetIsUsedForLegacyBytes) {
    const Result<SourceDocument> doc = read_source(source("latin1.html"), kNoLimit);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->source_encoding, "windows-1252");
    EXPECT_EQ(doc->first_heading, "R\xC3\xA9union");
    EXPECT_EQ(doc->text,
              "R\xC3\xA9union\n\n\xE2\x80\x9CS\xC3\xB6"
              "derk\xC3\xB6ping\xE2\x80\x9D costs "
              "\xE2\x82\xAC"
              "5.");
}

TEST(SourceReader, PdfPagesAndTheirSpans) {
    const Result<SourceDocument> doc = read_source(source("two_pages.pdf"), kNoLimit);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->format, "pdf");
    const std::string page1 =
        "Migration Dialogue for Southern Africa\nBotswana and Lesotho met in 2006.";
    const std::string page2 = "Second page\nEswatini joined later.";
    EXPECT_EQ(doc->text, page1 + "\n\f\n" + page2);
    const auto start2 = static_cast<std::uint32_t>(page1.size() + 3);
    const std::vector<PageSpan> expected = {
        {1, 0, static_cast<std::uint32_t>(page1.size())},
        {2, start2, static_cast<std::uint32_t>(start2 + page2.size())}};
    EXPECT_EQ(doc->pages, expected);
    EXPECT_EQ(doc->first_heading, "MIDSA workshop record");  // the Title metadata
}

TEST(SourceReader, TruncatedPdfIsUnreadable) {
    const Result<SourceDocument> doc = read_source(source("truncated.pdf"), kNoLimit);
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.status().code(), ErrorCode::kUnreadable);
    EXPECT_EQ(doc.status().message(), "not a readable PDF (truncated or damaged)");
}

TEST(SourceReader, PasswordProtectedPdfIsUnreadable) {
    const Result<SourceDocument> doc = read_source(source("encrypted.pdf"), kNoLimit);
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.status().code(), ErrorCode::kUnreadable);
    EXPECT_NE(doc.status().message().find("encrypted"), std::string::npos)
        << doc.status().message();
}

TEST(SourceReader, PdfWithOnlyAnOwnerPasswordIsRead) {
    // Encrypted to restrict copying and printing, but it opens without a password.
    const Result<SourceDocument> doc = read_source(source("owner_password_only.pdf"), kNoLimit);
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->text, read_source(source("two_pages.pdf"), kNoLimit)->text);
}

TEST(SourceReader, FileOverTheLimitIsUnreadable) {
    const Result<SourceDocument> small = read_source(source("utf8_bom.txt"), 10);
    ASSERT_FALSE(small);
    EXPECT_EQ(small.status().code(), ErrorCode::kUnreadable);
    EXPECT_EQ(small.status().message(), "file is 94 bytes, over the limit of 10 bytes");

    TempDir dir;
    const fs::path big = dir.path() / "big.txt";
    std::ofstream(big).put('x');
    fs::resize_file(big, 3 * 1024 * 1024);  // sparse: costs no disk
    const Result<SourceDocument> doc = read_source(big, 2 * 1024 * 1024);
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.status().message(), "file is 3 MB, over the limit of 2 MB");
}

TEST(SourceReader, DirectoryAndMissingFileAreUnreadable) {
    TempDir dir;
    const fs::path folder = dir.path() / "folder.txt";
    fs::create_directory(folder);
    const Result<SourceDocument> directory = read_source(folder, kNoLimit);
    ASSERT_FALSE(directory);
    EXPECT_EQ(directory.status().code(), ErrorCode::kUnreadable);
    EXPECT_EQ(directory.status().message(), std::string("cannot read: ") + std::strerror(EISDIR));

    const Result<SourceDocument> missing = read_source(dir.path() / "missing.txt", kNoLimit);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.status().message(), std::string("cannot read: ") + std::strerror(ENOENT));
}

TEST(SourceReader, FileWithoutPermissionIsUnreadable) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
    TempDir dir;
    const fs::path secret = dir.path() / "secret.txt";
    std::ofstream(secret) << "text";
    fs::permissions(secret, fs::perms::none);
    const Result<SourceDocument> doc = read_source(secret, kNoLimit);
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.status().message(), std::string("cannot read: ") + std::strerror(EACCES));
}

TEST(SourceReader, SupportedExtensionsIgnoreCase) {
    EXPECT_TRUE(is_supported_source("a/b.txt"));
    EXPECT_TRUE(is_supported_source("b.MD"));
    EXPECT_TRUE(is_supported_source("b.Html"));
    EXPECT_TRUE(is_supported_source("b.htm"));
    EXPECT_TRUE(is_supported_source("b.PDF"));
    EXPECT_FALSE(is_supported_source("b.docx"));
    EXPECT_FALSE(is_supported_source("catalog.toml"));
    EXPECT_FALSE(is_supported_source("txt"));
    const Result<SourceDocument> doc = read_source(source("../sources"), kNoLimit);
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.status().code(), ErrorCode::kUnreadable);
}

TEST(HtmlText, MalformedMarkupKeepsTheTextAroundIt) {
    EXPECT_EQ(html_to_text("a < b and c > d").text, "a < b and c > d");
    EXPECT_EQ(html_to_text("before<!-- never closed <p>x").text, "before");
    EXPECT_EQ(html_to_text("<p title='1 > 0'>quoted</p>").text, "quoted");
    EXPECT_EQ(html_to_text("<SCRIPT type=x>var a = '</p>';</SCRIPT>after").text, "after");
    EXPECT_EQ(html_to_text("<p>x<script>never closed").text, "x");
    EXPECT_EQ(html_to_text("").text, "");
}

TEST(HtmlText, EntitiesDecodeLikeABrowser) {
    EXPECT_EQ(html_to_text("&#8220;x&#x201D; &#150; &#0; &#x110000; &copy;&reg;&hellip;").text,
              "\xE2\x80\x9Cx\xE2\x80\x9D \xE2\x80\x93 \xEF\xBF\xBD \xEF\xBF\xBD "
              "\xC2\xA9\xC2\xAE\xE2\x80\xA6");
    EXPECT_EQ(html_to_text("AT&T &amp &ampere; &#65").text, "AT&T &amp &ampere; A");
    EXPECT_EQ(html_to_text("S&ouml;derk&ouml;ping &Uuml; &szlig;").text,
              "S\xC3\xB6"
              "derk\xC3\xB6ping \xC3\x9C \xC3\x9F");
}

TEST(HtmlText, LongNumericReferenceIsOneReplacementCharacter) {
    EXPECT_EQ(html_to_text("a&#99999999999;b &#x0000000000041; &#000000000065;").text,
              "a\uFFFDb A A");
}

TEST(HtmlText, PreformattedTextKeepsItsLines) {
    EXPECT_EQ(html_to_text("<p>a   b</p><pre>x   y\n  z</pre><p>c</p>").text,
              "a b\n\nx   y\n  z\n\nc");
}

TEST(HtmlText, FirstHeadingWithoutTitle) {
    const HtmlText html = html_to_text("<body><h2>Sub</h2><h1> The <em>main</em>\n heading </h1>");
    EXPECT_EQ(html.title, "");
    EXPECT_EQ(html.first_h1, "The main heading");
}

TEST(HtmlText, DeclaredCharset) {
    EXPECT_EQ(declared_html_charset("<meta charset=\"Windows-1252\">"), "windows-1252");
    EXPECT_EQ(declared_html_charset("<META CHARSET=utf-8>"), "utf-8");
    EXPECT_EQ(declared_html_charset(
                  "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-2'>"),
              "iso-8859-2");
    EXPECT_EQ(declared_html_charset("<meta name=\"viewport\" content=\"width=device-width\">"), "");
    EXPECT_EQ(declared_html_charset("<p>no meta</p>"), "");
}

TEST(PdfText, GarbageIsUnreadable) {
    const Result<PdfText> pdf = extract_pdf_text("not a pdf at all");
    ASSERT_FALSE(pdf);
    EXPECT_EQ(pdf.status().code(), ErrorCode::kUnreadable);
    EXPECT_FALSE(extract_pdf_text(""));
}

}  // namespace
}  // namespace consulta
