#include <gtest/gtest.h>

#include "core/index/content_hash.h"
#include "core/index/document_record.h"

namespace consulta {
namespace {

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

TEST(DocumentRecord, RoundTripsThroughDocumentData) {
    const DocumentRecord record = sample();
    auto parsed = parse_record(serialise_record(record));
    ASSERT_TRUE(parsed.is_ok()) << parsed.status().message();
    EXPECT_EQ(parsed.value(), record);
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
    EXPECT_EQ(parse_record("not json").status().code(), ErrorCode::kIndex);
    EXPECT_EQ(parse_record("{\"id\": 1}").status().code(), ErrorCode::kIndex);
}

TEST(DocumentRecord, RejectsMentionOutsideText) {
    DocumentRecord record = sample();
    record.mentions.push_back({EntityType::kYear, "2006", 100, 104, "", MentionForm::kYear});
    EXPECT_EQ(parse_record(serialise_record(record)).status().code(), ErrorCode::kIndex);
}

TEST(ContentHash, IsStableAndFieldAware) {
    EXPECT_EQ(ContentHash().add("").hex(), "cbf29ce484222325");
    EXPECT_EQ(ContentHash().add("a").hex(), "af63dc4c8601ec8c");  // FNV-1a 64 test vector
    EXPECT_NE(ContentHash().add_field("ab").add_field("c").hex(),
              ContentHash().add_field("a").add_field("bc").hex());
}

}  // namespace
}  // namespace consulta
