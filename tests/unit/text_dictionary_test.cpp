// The stored text compressed with an index's dictionary: it reads back byte for byte, in whole
// and in parts across the 2 KB chunk borders; a reader finds the dictionary through the
// index; a chunk whose dictionary the index lacks is an error, not wrong text.
#include <gtest/gtest.h>

#include <random>

#include "core/index/document_record.h"
#include "core/index/record_store.h"
#include "core/index/text_dictionary.h"
#include "core/text/tokenizer.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {

// Sentences of a made-up report, in a seeded order: a collection repeats its words, as this.
std::string report_text(std::size_t bytes, unsigned seed) {
    const char* sentences[] = {
        "The Regional Consultative Process on Migration met in Gaborone. ",
        "Delegates of Botswana, Lesotho and Eswatini discussed labour migration. ",
        "The Migration Dialogue for Southern Africa (MIDSA) adopted a plan of action. ",
        "C\u00f4te d'Ivoire and S\u00e3o Tom\u00e9 and Pr\u00edncipe reported on border management. ",
        "Participants stressed the protection of migrant workers and their families. ",
        "The next ministerial meeting will be held in 2019 in Maputo, Mozambique. ",
    };
    std::mt19937 random(seed);
    std::string text;
    while (text.size() < bytes) text += sentences[random() % std::size(sentences)];
    return text;
}

std::shared_ptr<const TextDictionary> trained() {
    std::vector<std::string> samples;
    for (unsigned seed = 0; seed < 64; ++seed) samples.push_back(report_text(2048, seed));
    return TextDictionary::train(samples);
}

DocumentRecord long_record() {
    DocumentRecord r;
    r.meta = {"long", "A long report", "report", "IOM", 2019, "corpus/long.txt", "txt", "UTF-8"};
    r.text = report_text(30000, 99);
    // A mention on a chunk border, where the payload of two chunks holds it.
    const std::uint32_t at = static_cast<std::uint32_t>(r.text.find("Botswana", 2040));
    r.mentions = {{EntityType::kState, "BW", at, at + 8, "Botswana", MentionForm::kName}};
    return r;
}

class TextDictionaryTest : public ::testing::Test {
protected:
    // Writes the record into a real index with `dictionary` stored in it (or not).
    Xapian::Database index_with(const DocumentRecord& record, const TextDictionary& dictionary,
                                bool store_dictionary) {
        Xapian::WritableDatabase db(dir_.path().string(), Xapian::DB_CREATE_OR_OVERWRITE);
        Tokenizer tokenizer;
        Xapian::Document doc;
        store_record(record, tokenizer.tokenize(record.text), 1, doc, &dictionary);
        db.add_document(doc);
        if (store_dictionary) dictionary.store_in(db);
        db.commit();
        return Xapian::Database(dir_.path().string());
    }
    test_support::TempDir dir_;
};

TEST_F(TextDictionaryTest, TrainsOnSamplesAndRefusesTooLittleText) {
    auto dictionary = trained();
    ASSERT_TRUE(dictionary);
    EXPECT_NE(dictionary->id(), 0u);
    EXPECT_FALSE(TextDictionary::train({report_text(2048, 1), report_text(2048, 2)}));
    auto again = TextDictionary::from_bytes(dictionary->bytes());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->id(), dictionary->id());
    EXPECT_FALSE(TextDictionary::from_bytes("not a dictionary"));
}

TEST_F(TextDictionaryTest, RecordReadsBackWholeAndInPartsAcrossChunkBorders) {
    auto dictionary = trained();
    ASSERT_TRUE(dictionary);
    const DocumentRecord record = long_record();
    Xapian::Database db = index_with(record, *dictionary, true);
    auto current = TextDictionary::current(db);
    ASSERT_TRUE(current);
    ASSERT_TRUE(*current);
    EXPECT_EQ((*current)->id(), dictionary->id());

    const Xapian::Document doc = db.get_document(1);
    auto read = read_record(doc, db);
    ASSERT_TRUE(read) << read.status().message();
    EXPECT_EQ(read->text, record.text);
    ASSERT_EQ(read->mentions.size(), 1u);
    EXPECT_EQ(read->mentions[0].surface, "Botswana");

    auto header = parse_header(doc.get_data());
    ASSERT_TRUE(header);
    EXPECT_EQ(header->layout.chunk_bytes, TextDictionary::kChunkBytes);
    StoredText text(doc, header->layout, db);
    for (std::uint32_t lo : {0u, 2040u, 2047u, 4090u, 29990u}) {
        auto part = text.text(lo, lo + 20);
        ASSERT_TRUE(part) << lo;
        EXPECT_EQ(*part, record.text.substr(lo, 20)) << lo;
    }
    auto mentions = text.mentions(record.mentions[0].start, record.mentions[0].end);
    ASSERT_TRUE(mentions);
    ASSERT_EQ(mentions->size(), 1u);  // stored in both chunks, reported once
    EXPECT_EQ((*mentions)[0].start, record.mentions[0].start);
}

TEST_F(TextDictionaryTest, AChunkWhoseDictionaryTheIndexLacksIsAnError) {
    // A dictionary this process has never met: trained on other text, so its id is new.
    std::vector<std::string> samples;
    for (unsigned seed = 0; seed < 64; ++seed) samples.push_back(report_text(2048, 1000 + seed) + std::to_string(seed));
    auto unknown = TextDictionary::train(samples);
    ASSERT_TRUE(unknown);
    Xapian::Database db = index_with(long_record(), *unknown, false);
    auto read = read_record(db.get_document(1), db);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.status().code(), ErrorCode::kIndex);
    EXPECT_NE(read.status().message().find("stored text is damaged"), std::string::npos)
        << read.status().message();
}

}  // namespace
}  // namespace consulta
