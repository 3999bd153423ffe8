#include <gtest/gtest.h>

#include <xapian.h>

#include "core/index/document_builder.h"
#include "core/index/schema.h"

namespace consulta {
namespace {

Token word(std::string norm, std::uint32_t start, std::uint32_t position,
           TokenKind kind = TokenKind::kWord) {
    return {std::move(norm), start, start + 1, position, kind};
}

std::vector<std::string> all_terms(const Xapian::Document& doc) {
    std::vector<std::string> terms;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) terms.push_back(*t);
    return terms;
}

TEST(Schema, PrefixesAndSlotsPerEntityType) {
    EXPECT_EQ(schema::entity_prefix(EntityType::kState), "XS");
    EXPECT_EQ(schema::entity_prefix(EntityType::kMechanism), "XM");
    EXPECT_EQ(schema::entity_prefix(EntityType::kOrganisation), "XO");
    EXPECT_EQ(schema::entity_prefix(EntityType::kYear), "XY");
    EXPECT_EQ(schema::entity_slot(EntityType::kState), schema::kSlotStates);
    EXPECT_EQ(schema::entity_slot(EntityType::kYear), schema::kSlotYears);
    EXPECT_EQ(schema::id_term("004_x"), "Q004_x");
}

TEST(DocumentBuilder, WritesEveryTermOfTheSchema) {
    DocumentRecord record;
    record.meta = {"d1", "Trafficking", "report", "IOM", 2006, "corpus/d1.txt", "txt", "UTF-8"};
    record.text = "Mauritian migrants 2006";
    record.mentions = {{EntityType::kState, "MU", 0, 9, "Mauritian", MentionForm::kDemonym},
                       {EntityType::kYear, "2006", 19, 23, "2006", MentionForm::kYear}};
    const TokenStream title = {word("trafficking", 0, 0)};
    const TokenStream body = {word("mauritian", 0, 0), word("migrants", 10, 1),
                              word("2006", 19, 2, TokenKind::kNumber)};
    DocumentBuilder builder({"english", true, nullptr});
    const Xapian::Document doc = builder.build(record, title, body, "abc");
    const std::vector<std::string> expected = {
        "2006", "Qd1", "Strafficking", "XFtxt", "XKreport", "XP2006", "XSMU", "XY2006",
        "ZStraffick", "Zmauritian", "Zmigrant", "Ztraffick", "mauritian", "migrants", "trafficking"};
    EXPECT_EQ(all_terms(doc), expected);
    EXPECT_EQ(doc.get_value(schema::kSlotStates), "MU");
    EXPECT_EQ(doc.get_value(schema::kSlotStatesNamed), "") << "a demonym is not a named mention";
    EXPECT_EQ(doc.get_value(schema::kSlotYears), "2006");
    EXPECT_EQ(doc.get_value(schema::kSlotKind), "report");
    EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(schema::kSlotPublished)), 2006.0);
    EXPECT_EQ(doc.get_value(schema::kSlotContentHash), "abc");
}

TEST(DocumentBuilder, DemonymsLeftOutWhenConfigured) {
    DocumentRecord record;
    record.meta.id = "d2";
    record.text = "Mauritian";
    record.mentions = {{EntityType::kState, "MU", 0, 9, "Mauritian", MentionForm::kDemonym}};
    DocumentBuilder builder({"english", false, nullptr});
    const Xapian::Document doc = builder.build(record, {}, {word("mauritian", 0, 0)}, "h");
    EXPECT_EQ(all_terms(doc), (std::vector<std::string>{"Qd2", "Zmauritian", "mauritian"}));
    EXPECT_EQ(doc.get_value(schema::kSlotStates), "");
}

TEST(DocumentBuilder, MentionCountIsTheWdfAndPositionsFollowTheTitle) {
    DocumentRecord record;
    record.meta.id = "d3";
    record.text = "RSA RSA";
    record.mentions = {{EntityType::kState, "ZA", 0, 3, "RSA", MentionForm::kAbbreviation},
                       {EntityType::kState, "ZA", 4, 7, "RSA", MentionForm::kAbbreviation}};
    DocumentBuilder builder({"english", true, nullptr});
    const Xapian::Document doc =
        builder.build(record, {word("title", 0, 0)}, {word("rsa", 0, 0), word("rsa", 4, 1)}, "h");
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if (*t == "XSZA" || *t == "XNZA") {
            EXPECT_EQ(t.get_wdf(), 2u) << *t;
        }
        if (*t == "rsa") {
            std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
            EXPECT_EQ(positions, (std::vector<Xapian::termpos>{101, 102}));
        }
    }
}

}  // namespace
}  // namespace consulta
