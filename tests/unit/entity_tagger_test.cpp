#include "core/entities/entity_tagger.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/text/tokenizer.h"

namespace consulta {
namespace {

namespace fs = std::filesystem;

/// "state ZA abbreviation [4,7) RSA": one line per mention, so a failure shows what was found.
std::string describe(const Mention& m) {
    return std::string(entity_type_name(m.type)) + " " + m.entity + " " +
           std::string(mention_form_name(m.form)) + " [" + std::to_string(m.start) + "," +
           std::to_string(m.end) + ") " + m.surface;
}

using Lines = std::vector<std::string>;

class EntityTaggerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const fs::path config = fs::path(CONSULTA_SOURCE_DIR) / "config";
        Result<Gazetteer> loaded = Gazetteer::load(
            {fs::path(CONSULTA_ISO_CODES_DIR) / "iso_3166-1.json", config / "states.tsv",
             config / "mechanisms.tsv", config / "organisations.tsv", config / "state_context.tsv"});
        ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
        gazetteer_ = new Gazetteer(std::move(loaded).value());
    }
    static void TearDownTestSuite() {
        delete gazetteer_;
        gazetteer_ = nullptr;
    }

    Lines tag(std::string_view text) {
        const EntityTagger tagger(*gazetteer_);
        Lines lines;
        for (const Mention& m : tagger.tag(text, tokenizer_.tokenize(text))) {
            EXPECT_EQ(m.surface, text.substr(m.start, m.end - m.start));
            lines.push_back(describe(m));
        }
        return lines;
    }

    static Gazetteer* gazetteer_;
    Tokenizer tokenizer_;
};

Gazetteer* EntityTaggerTest::gazetteer_ = nullptr;

TEST_F(EntityTaggerTest, LongestMatchWinsOverNestedName) {
    EXPECT_EQ(tag("Delegates of the Democratic Republic of the Congo attended."),
              Lines{"state CD name [17,49) Democratic Republic of the Congo"});
    EXPECT_EQ(tag("Papua New Guinea"), Lines{"state PG name [0,16) Papua New Guinea"});
    EXPECT_EQ(tag("South Sudan and Sudan"),
              (Lines{"state SS name [0,11) South Sudan", "state SD name [16,21) Sudan"}));
    EXPECT_EQ(tag("Serbia and Montenegro"), Lines{"state CSXX name [0,21) Serbia and Montenegro"});
    EXPECT_EQ(tag("Republic of China"), Lines{"state TW alias [0,17) Republic of China"});
}

TEST_F(EntityTaggerTest, TokensKeepNigerOutOfNigeria) {
    EXPECT_EQ(tag("Nigeria and Niger"),
              (Lines{"state NG name [0,7) Nigeria", "state NE name [12,17) Niger"}));
    EXPECT_EQ(tag("the Niger Delta"), Lines{});
}

TEST_F(EntityTaggerTest, FormerNamesAndAliases) {
    EXPECT_EQ(tag("Swaziland"), Lines{"state SZ former_name [0,9) Swaziland"});
    EXPECT_EQ(tag("DPR Korea"), Lines{"state KP alias [0,9) DPR Korea"});
    EXPECT_EQ(tag("Republic of Korea"), Lines{"state KR alias [0,17) Republic of Korea"});
    EXPECT_EQ(tag("Korea, Republic of"), Lines{"state KR name [0,18) Korea, Republic of"});
    EXPECT_EQ(tag("Lao PDR"), Lines{"state LA alias [0,7) Lao PDR"});
    EXPECT_EQ(tag("Türkiye, Turkiye"),
              (Lines{"state TR name [0,8) Türkiye", "state TR name [10,17) Turkiye"}));
    EXPECT_EQ(tag("the former Yugoslav Republic of Macedonia"),
              Lines{"state MK former_name [4,41) former Yugoslav Republic of Macedonia"});
}

TEST_F(EntityTaggerTest, LeadingTheStaysOutOfTheMention) {
    EXPECT_EQ(tag("the Comoros joined"), Lines{"state KM name [4,11) Comoros"});
    EXPECT_EQ(tag("the Emirates"), Lines{"state AE alias [4,12) Emirates"});
    EXPECT_EQ(tag("Emirates flights"), Lines{});
}

TEST_F(EntityTaggerTest, AcronymsAreCaseSensitive) {
    EXPECT_EQ(tag("RSA"), Lines{"state ZA abbreviation [0,3) RSA"});
    EXPECT_EQ(tag("rsa Rsa"), Lines{});
    EXPECT_EQ(tag("The US told us."), Lines{"state US abbreviation [4,6) US"});
    EXPECT_EQ(tag("U.S. policy"), Lines{"state US abbreviation [0,4) U.S."});
    EXPECT_EQ(tag("US$ 2000"), Lines{});
    EXPECT_EQ(tag("MiD-IGAD, IGAD and igad"),
              (Lines{"mechanism igad_rcp abbreviation [0,8) MiD-IGAD",
                     "organisation igad abbreviation [10,14) IGAD"}));
    EXPECT_EQ(tag("IGAD-RCP"), Lines{"mechanism igad_rcp abbreviation [0,8) IGAD-RCP"});
}

TEST_F(EntityTaggerTest, DemonymsOnlyWhenUnambiguous) {
    EXPECT_EQ(tag("Mauritian government"), Lines{"state MU demonym [0,9) Mauritian"});
    EXPECT_EQ(tag("Basotho and Batswana"),
              (Lines{"state LS demonym [0,7) Basotho", "state BW demonym [12,20) Batswana"}));
    EXPECT_EQ(tag("Congolese Korean Dominican French"), Lines{});
    EXPECT_EQ(tag("Congo"), Lines{});
}

TEST_F(EntityTaggerTest, ContextNamesMustBeCapitalised) {
    EXPECT_EQ(tag("Chad"), Lines{"state TD name [0,4) Chad"});
    EXPECT_EQ(tag("chad CHAD Lake Chad"), Lines{});
    EXPECT_EQ(tag("Turkey, not turkey"), Lines{"state TR alias [0,6) Turkey"});
    EXPECT_EQ(tag("the Gulf of Guinea and New Guinea"), Lines{});
}

TEST_F(EntityTaggerTest, PlaceNamesInsideMechanismsAreNotStates) {
    EXPECT_EQ(tag("Abu Dhabi Dialogue"),
              Lines{"mechanism abu_dhabi_dialogue alias [0,18) Abu Dhabi Dialogue"});
    EXPECT_EQ(tag("South American Conference on Migration"),
              Lines{"mechanism sacm name [0,38) South American Conference on Migration"});
    EXPECT_EQ(tag("Indian Ocean Commission"),
              Lines{"organisation ioc name [0,23) Indian Ocean Commission"});
    EXPECT_EQ(tag("Common Market for Eastern and Southern Africa"),
              Lines{"organisation comesa name [0,45) Common Market for Eastern and Southern "
                    "Africa"});
}

TEST_F(EntityTaggerTest, DiacriticsAndPunctuationVariants) {
    EXPECT_EQ(tag("Söderköping Process / Soderkoping Process"),
              (Lines{"mechanism soderkoping_process name [0,21) Söderköping Process",
                     "mechanism soderkoping_process name [24,43) Soderkoping Process"}));
    EXPECT_EQ(tag("Côte d’Ivoire, Cote d'Ivoire"),
              (Lines{"state CI name [0,16) Côte d’Ivoire", "state CI name [18,31) Cote d'Ivoire"}));
    EXPECT_EQ(tag("Guinea Bissau, Guinea–Bissau"),
              (Lines{"state GW name [0,13) Guinea Bissau", "state GW name [15,30) Guinea–Bissau"}));
    EXPECT_EQ(tag("5+5 Dialogue, 5 + 5 Dialogue, 5+5"),
              (Lines{"mechanism five_plus_five alias [0,12) 5+5 Dialogue",
                     "mechanism five_plus_five alias [14,28) 5 + 5 Dialogue"}));
    EXPECT_EQ(tag("Morocco's"), Lines{"state MA name [0,7) Morocco"});
}

TEST_F(EntityTaggerTest, MechanismNamesAcronymsAndAliases) {
    EXPECT_EQ(tag("Puebla Process (RCM), Regional Conference on Migration; Puebla"),
              (Lines{"mechanism rcm alias [0,14) Puebla Process",
                     "mechanism rcm abbreviation [16,19) RCM",
                     "mechanism rcm name [22,54) Regional Conference on Migration"}));
    EXPECT_EQ(tag("ADD and COMMIT"), Lines{});
}

TEST_F(EntityTaggerTest, NamesCrossLineBreaksButNotSentences) {
    EXPECT_EQ(tag("United\n\nKingdom"), Lines{"state GB name [0,15) United\n\nKingdom"});
    EXPECT_EQ(tag("Bali. Process"), Lines{});
    EXPECT_EQ(tag("Japan, Korea. Republic of Moldova"),
              (Lines{"state JP name [0,5) Japan", "state MD alias [14,33) Republic of Moldova"}));
}

TEST_F(EntityTaggerTest, ParentheticalQualifiers) {
    EXPECT_EQ(tag("Hong Kong (SAR of China)"),
              Lines{"state HK alias [0,24) Hong Kong (SAR of China)"});
    EXPECT_EQ(tag("Iran (Islamic Republic of)"),
              Lines{"state IR alias [0,26) Iran (Islamic Republic of)"});
    EXPECT_EQ(tag("New Caledonia (France)"),
              (Lines{"state NC name [0,13) New Caledonia", "state FR name [15,21) France"}));
    EXPECT_EQ(tag("Kosovo*"), Lines{"state XK name [0,7) Kosovo*"});
}

TEST_F(EntityTaggerTest, YearsAreMergedInOrderAndNotInsideNames) {
    EXPECT_EQ(tag("MIDSA met on 11-13 October 2006 in Mauritius."),
              (Lines{"mechanism midsa abbreviation [0,5) MIDSA", "year 2006 date [27,31) 2006",
                     "state MU name [35,44) Mauritius"}));
    EXPECT_EQ(tag("Migration Policy Framework for Africa and Plan of Action (2018-2030)"),
              Lines{"mechanism mpfa alias [0,68) Migration Policy Framework for Africa and Plan "
                    "of Action (2018-2030)"});
}

}  // namespace
}  // namespace consulta
