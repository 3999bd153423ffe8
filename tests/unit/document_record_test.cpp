#include <gtest/gtest.h>

#include <random>

#include "core/index/content_hash.h"
#include "core/index/document_record.h"
#include "core/index/record_store.h"
#include "core/text/tokenizer.h"

namespace consulta {
namespace {

// The index of documents stored without a dictionary: their readers never ask it anything.
const Xapian::Database& no_index() {
    static const Xapian::Database none;
    return none;
}

DocumentRecord sample() {
    DocumentRecord r;
    r.meta = {"doc1", "A title", "report", "IOM", 2006, "corpus/doc1.pdf", "pdf", "UTF-8"};
    r.text = "Botswana and the Comoros\n\fPage two: RSA";
    r.pages = {{1, 0, 25}, {2, 25, 39}};
    r.mentions = {{EntityType::kState, "BW", 0, 8, "Botswana", MentionForm::kName},
                  {EntityType::kState, "KM", 17, 24, "Comoros", MentionForm::kName},
                  {EntityType::kState, "ZA", 36, 39, "RSA", MentionForm::kAbbreviation}};
    return r;
}

Xapian::Document stored(const DocumentRecord& record, TokenStream* tokens_out = nullptr) {
    Tokenizer tokenizer;
    TokenStream tokens = tokenizer.tokenize(record.text);
    Xapian::Document doc;
    store_record(record, tokens, 7, doc);
    if (tokens_out) *tokens_out = std::move(tokens);
    return doc;
}

TEST(DocumentRecord, HeaderRoundTripsThroughDocumentData) {
    DocumentHeader header{sample().meta, sample().pages, {}};
    header.layout.text_bytes = 39;
    header.layout.token_count = 8;
    header.layout.body_start = 104;
    auto parsed = parse_header(serialise_header(header));
    ASSERT_TRUE(parsed.is_ok()) << parsed.status().message();
    EXPECT_EQ(parsed.value(), header);
}

TEST(DocumentRecord, RecordRoundTripsThroughTheDocumentsValues) {
    const DocumentRecord record = sample();
    auto read = read_record(stored(record), no_index());
    ASSERT_TRUE(read.is_ok()) << read.status().message();
    EXPECT_EQ(read.value(), record);
}

TEST(DocumentRecord, LongRecordRoundTripsAcrossChunksWithMentionsOnTheBorders) {
    DocumentRecord record = sample();
    record.pages.clear();
    record.text.clear();
    record.mentions.clear();
    // "Côte d'Ivoire " is 15 bytes: mentions and UTF-8 sequences fall across every 4 KB border.
    while (record.text.size() < 50000) {
        const auto start = static_cast<std::uint32_t>(record.text.size());
        record.text += "C\u00f4te d'Ivoire ";
        record.mentions.push_back({EntityType::kState, "CI", start, start + 14,
                                   "C\u00f4te d'Ivoire", MentionForm::kName});
    }
    Xapian::Document doc = stored(record);
    auto read = read_record(doc, no_index());
    ASSERT_TRUE(read.is_ok()) << read.status().message();
    EXPECT_EQ(read->text, record.text);
    EXPECT_EQ(read->mentions, record.mentions);

    auto header = parse_header(doc.get_data());
    ASSERT_TRUE(header);
    StoredText text(doc, header->layout, no_index());
    auto part = text.text(4090, 4110);
    ASSERT_TRUE(part);
    EXPECT_EQ(*part, record.text.substr(4090, 20));
    auto mentions = text.mentions(4090, 4110);
    ASSERT_TRUE(mentions);
    ASSERT_EQ(mentions->size(), 2u);  // the one across the border is reported once
    EXPECT_EQ((*mentions)[0].start, 4080u);
    EXPECT_EQ((*mentions)[1].start, 4095u);
}

TEST(DocumentRecord, CheckpointsGiveTheStartOfEveryStrideToken) {
    DocumentRecord record = sample();
    record.text.clear();
    for (int i = 0; i < 5000; ++i) record.text += "w" + std::to_string(i) + (i % 7 ? " " : ", ");
    TokenStream tokens;
    Xapian::Document doc = stored(record, &tokens);
    auto header = parse_header(doc.get_data());
    ASSERT_TRUE(header);
    ASSERT_EQ(header->layout.token_count, 5000u);
    StoredText text(doc, header->layout, no_index());
    for (std::uint32_t t : {0u, 1u, 15u, 16u, 17u, 1023u, 1024u, 1040u, 4999u}) {
        auto cp = text.checkpoint(t);
        ASSERT_TRUE(cp) << t;
        EXPECT_EQ(cp->token, t - t % 16);
        EXPECT_EQ(cp->byte, tokens[cp->token].start) << t;
    }
    EXPECT_FALSE(text.checkpoint(5000));
}

TEST(DocumentRecord, TokenisingFromAnyTokenStartGivesTheSameTokens) {
    // Snippets tokenise only the text after a checkpoint: it must give the indexer's tokens.
    std::mt19937 rng(7);
    const char* pieces[] = {"Guinea-Bissau's ", "U.S. ", "3.5% ", "C\u00f4te d\u2019Ivoire, ",
                            "\u6771\u4eac ", "e.g. ", "120,000 ", "don't ", "(RSA) ", "\u00e9t\u00e9 "};
    Tokenizer tokenizer;
    for (int round = 0; round < 50; ++round) {
        std::string text;
        for (int i = 0; i < 60; ++i) text += pieces[rng() % std::size(pieces)];
        const TokenStream all = tokenizer.tokenize(text);
        for (std::size_t from = 0; from < all.size(); ++from) {
            const TokenStream part = tokenizer.tokenize(std::string_view(text).substr(all[from].start));
            ASSERT_EQ(part.size(), all.size() - from) << text << " from " << from;
            for (std::size_t i = 0; i < part.size(); ++i) {
                ASSERT_EQ(part[i].norm, all[from + i].norm);
                ASSERT_EQ(part[i].start + all[from].start, all[from + i].start);
                ASSERT_EQ(part[i].end + all[from].start, all[from + i].end);
            }
        }
    }
}

TEST(DocumentRecord, PageOfAnOffset) {
    const DocumentRecord record = sample();
    EXPECT_EQ(page_of(record, 0), 1);
    EXPECT_EQ(page_of(record, 24), 1);
    EXPECT_EQ(page_of(record, 25), 2);
    EXPECT_EQ(page_of(record, 38), 2);
    DocumentRecord text_only = record;
    text_only.pages.clear();
    EXPECT_EQ(page_of(text_only, 10), 0);
}

TEST(DocumentRecord, RejectsDataThatIsNotARecord) {
    EXPECT_EQ(parse_header("not a header").status().code(), ErrorCode::kIndex);
    EXPECT_EQ(parse_header("CONSULTA-HEADER 3\n\x05" "ab").status().code(), ErrorCode::kIndex);
    Xapian::Document doc = stored(sample());
    doc.remove_value(0x100000);
    EXPECT_EQ(read_record(doc, no_index()).status().code(), ErrorCode::kIndex);
}

TEST(ContentHash, IsStableAndFieldAware) {
    EXPECT_EQ(ContentHash().add("").hex(), "cbf29ce484222325");
    EXPECT_EQ(ContentHash().add("a").hex(), "af63dc4c8601ec8c");  // FNV-1a 64 test vector
    EXPECT_NE(ContentHash().add_field("ab").add_field("c").hex(),
              ContentHash().add_field("a").add_field("bc").hex());
}

}  // namespace
}  // namespace consulta
