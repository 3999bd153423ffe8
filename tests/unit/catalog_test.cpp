#include "indexer/catalog.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace consulta {
namespace {

namespace fs = std::filesystem;

// Writes a catalogue into a fresh folder for the current test; removes it afterwards.
class CatalogFile {
public:
    explicit CatalogFile(const std::string& toml) {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("consulta_catalog_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        std::ofstream(path()) << toml;
    }
    ~CatalogFile() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    fs::path path() const { return dir_ / "catalog.toml"; }

private:
    fs::path dir_;
};

TEST(Catalog, GoodFileIsParsedExactly) {
    const CatalogFile file(R"(# The corpus catalogue
[documents."004_802a8142425b9b91"]
title = "Workshop on migration and development"
kind = "workshop record"
publisher = "IOM"
published = 2006

[documents."000_54d7d1b2e732a973"]
title = "The Söderköping Process"
kind = "case study"
)");
    const Result<Catalog> catalog = Catalog::load(file.path());
    ASSERT_TRUE(catalog) << catalog.status().message();
    EXPECT_EQ(catalog->size(), 2u);

    const CatalogEntry* workshop = catalog->find("004_802a8142425b9b91");
    ASSERT_NE(workshop, nullptr);
    EXPECT_EQ(workshop->title, "Workshop on migration and development");
    EXPECT_EQ(workshop->kind, "workshop record");
    EXPECT_EQ(workshop->publisher, "IOM");
    EXPECT_EQ(workshop->published, 2006);

    const CatalogEntry* study = catalog->find("000_54d7d1b2e732a973");
    ASSERT_NE(study, nullptr);
    EXPECT_EQ(study->title,
              "The S\xC3\xB6"
              "derk\xC3\xB6ping Process");
    EXPECT_EQ(study->kind, "case study");
    EXPECT_EQ(study->publisher, "");
    EXPECT_EQ(study->published, 0);  // unknown

    EXPECT_EQ(catalog->find("004"), nullptr);
}

TEST(Catalog, MissingFileIsAnEmptyCatalogue) {
    const Result<Catalog> catalog = Catalog::load("/nonexistent/consulta/catalog.toml");
    ASSERT_TRUE(catalog) << catalog.status().message();
    EXPECT_EQ(catalog->size(), 0u);
    EXPECT_EQ(catalog->find("anything"), nullptr);
}

TEST(Catalog, EmptyFileIsAnEmptyCatalogue) {
    const CatalogFile file("");
    const Result<Catalog> catalog = Catalog::load(file.path());
    ASSERT_TRUE(catalog) << catalog.status().message();
    EXPECT_EQ(catalog->size(), 0u);
}

TEST(Catalog, BadKindNamesFileLineKeyAndTheKinds) {
    const CatalogFile file(R"([documents."a"]
title = "A"
kind = "workshop"
)");
    const Result<Catalog> catalog = Catalog::load(file.path());
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.status().code(), ErrorCode::kConfig);
    EXPECT_EQ(catalog.status().message(),
              file.path().string() +
                  ":3: documents.\"a\".kind: expected one of \"report\", \"workshop record\", "
                  "\"case study\", \"presentation\", got the string \"workshop\"");
}

TEST(Catalog, UnknownKeyIsAnError) {
    const CatalogFile file(R"([documents."a"]
title = "A"

year = 2006
)");
    const Result<Catalog> catalog = Catalog::load(file.path());
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.status().message(),
              file.path().string() +
                  ":4: documents.\"a\".year: unknown key; expected title, kind, publisher or "
                  "published");
}

TEST(Catalog, UnknownTopLevelTableIsAnError) {
    const CatalogFile file("[document.\"a\"]\ntitle = \"A\"\n");
    const Result<Catalog> catalog = Catalog::load(file.path());
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.status().message(),
              file.path().string() +
                  ":1: document: unknown key; expected only [documents.\"<id>\"] tables");
}

TEST(Catalog, PublishedMustBeAPlausibleIntegerYear) {
    const CatalogFile file(R"([documents."a"]
published = "2006"
[documents."b"]
published = 206
[documents."c"]
published = 2006.0
)");
    const Result<Catalog> catalog = Catalog::load(file.path());
    ASSERT_FALSE(catalog);
    const std::string prefix = file.path().string();
    EXPECT_EQ(catalog.status().message(),
              prefix +
                  ":2: documents.\"a\".published: expected a year as an integer from 1800 "
                  "to 2100, got the string \"2006\"\n" +
                  prefix +
                  ":4: documents.\"b\".published: expected a year as an integer from "
                  "1800 to 2100, got the integer 206\n" +
                  prefix +
                  ":6: documents.\"c\".published: expected a year as an integer from "
                  "1800 to 2100, got a floating-point number");
}

TEST(Catalog, TitleMustBeANonEmptyString) {
    const CatalogFile file(R"([documents."a"]
title = "  "
[documents."b"]
title = 12
)");
    const Result<Catalog> catalog = Catalog::load(file.path());
    ASSERT_FALSE(catalog);
    const std::string prefix = file.path().string();
    EXPECT_EQ(catalog.status().message(),
              prefix + ":2: documents.\"a\".title: expected a non-empty title\n" + prefix +
                  ":4: documents.\"b\".title: expected a string, got the integer 12");
}

TEST(Catalog, DocumentMustBeATable) {
    const CatalogFile file("[documents]\na = \"A report\"\n");
    const Result<Catalog> catalog = Catalog::load(file.path());
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.status().message(),
              file.path().string() +
                  ":2: documents.\"a\": expected a table with title, kind, publisher and "
                  "published, got the string \"A report\"");
}

TEST(Catalog, SyntaxErrorNamesLineAndColumn) {
    const CatalogFile file("[documents.\"a\"]\ntitle = \"unterminated\n");
    const Result<Catalog> catalog = Catalog::load(file.path());
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.status().code(), ErrorCode::kConfig);
    const std::string& message = catalog.status().message();
    EXPECT_EQ(message.rfind(file.path().string() + ":2:", 0), 0u) << message;
}

TEST(Catalog, DirectoryInsteadOfFileIsAnError) {
    const CatalogFile file("");
    const Result<Catalog> catalog = Catalog::load(file.path().parent_path());
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.status().code(), ErrorCode::kConfig);
}

}  // namespace
}  // namespace consulta
