#include "core/entities/gazetteer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/entities/gazetteer_data.h"

namespace consulta {
namespace {

namespace fs = std::filesystem;

GazetteerFiles project_files() {
    const fs::path config = fs::path(CONSULTA_SOURCE_DIR) / "config";
    return {fs::path(CONSULTA_ISO_CODES_DIR) / "iso_3166-1.json", config / "states.tsv",
            config / "mechanisms.tsv", config / "organisations.tsv", config / "state_context.tsv"};
}

class GazetteerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        Result<Gazetteer> loaded = Gazetteer::load(project_files());
        ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
        gazetteer_ = new Gazetteer(std::move(loaded).value());
    }
    static void TearDownTestSuite() {
        delete gazetteer_;
        gazetteer_ = nullptr;
    }
    static std::string resolved(EntityType type, std::string_view text) {
        const Entity* entity = gazetteer_->resolve(type, text);
        return entity ? entity->id : "(none)";
    }
    static Gazetteer* gazetteer_;
};

Gazetteer* GazetteerTest::gazetteer_ = nullptr;

TEST_F(GazetteerTest, LoadsEveryEntityOfTheProjectFiles) {
    // 249 ISO 3166-1 entries + Kosovo + 7 dissolved states (ISO 3166-3 alpha-4 ids).
    EXPECT_EQ(gazetteer_->entities(EntityType::kState).size(), 257u);
    EXPECT_EQ(gazetteer_->entities(EntityType::kMechanism).size(), 52u);
    EXPECT_EQ(gazetteer_->entities(EntityType::kOrganisation).size(), 76u);
    EXPECT_TRUE(gazetteer_->entities(EntityType::kYear).empty());
}

TEST_F(GazetteerTest, EntitiesAreInIdOrder) {
    for (EntityType type :
         {EntityType::kState, EntityType::kMechanism, EntityType::kOrganisation}) {
        const auto& list = gazetteer_->entities(type);
        EXPECT_TRUE(std::is_sorted(list.begin(), list.end(),
                                   [](const Entity& a, const Entity& b) { return a.id < b.id; }));
    }
}

TEST_F(GazetteerTest, ResolvesStatesByIdNameAndAlias) {
    EXPECT_EQ(resolved(EntityType::kState, "RSA"), "ZA");
    EXPECT_EQ(resolved(EntityType::kState, "za"), "ZA");
    EXPECT_EQ(resolved(EntityType::kState, "ZA"), "ZA");
    EXPECT_EQ(resolved(EntityType::kState, "ZAF"), "ZA");
    EXPECT_EQ(resolved(EntityType::kState, "South Africa"), "ZA");
    EXPECT_EQ(resolved(EntityType::kState, "  south   africa "), "ZA");
    EXPECT_EQ(resolved(EntityType::kState, "Swaziland"), "SZ");
    EXPECT_EQ(resolved(EntityType::kState, "the Comoros"), "KM");
    EXPECT_EQ(resolved(EntityType::kState, "Cote d'Ivoire"), "CI");
    EXPECT_EQ(resolved(EntityType::kState, "Côte d’Ivoire"), "CI");
    EXPECT_EQ(resolved(EntityType::kState, "Korea, Republic of"), "KR");
    EXPECT_EQ(resolved(EntityType::kState, "Republic of Korea"), "KR");
    EXPECT_EQ(resolved(EntityType::kState, "Serbia and Montenegro"), "CSXX");
    EXPECT_EQ(resolved(EntityType::kState, "Kosovo"), "XK");
}

TEST_F(GazetteerTest, QueryOnlyFormsResolveButOffFormsDoNot) {
    EXPECT_EQ(resolved(EntityType::kState, "Korea"), "KR");          // match "query"
    EXPECT_EQ(resolved(EntityType::kState, "Congo"), "CG");          // the ISO short name, "query"
    EXPECT_EQ(resolved(EntityType::kState, "Congolese"), "(none)");  // match "off"
    EXPECT_EQ(resolved(EntityType::kState, "Atlantis"), "(none)");
    EXPECT_EQ(resolved(EntityType::kState, ""), "(none)");
    EXPECT_EQ(resolved(EntityType::kYear, "2006"), "(none)");
}

TEST_F(GazetteerTest, ResolvesMechanismsAndOrganisations) {
    EXPECT_EQ(resolved(EntityType::kMechanism, "puebla"), "rcm");
    EXPECT_EQ(resolved(EntityType::kMechanism, "Puebla Process"), "rcm");
    EXPECT_EQ(resolved(EntityType::kMechanism, "RCM"), "rcm");
    EXPECT_EQ(resolved(EntityType::kMechanism, "rcm"), "rcm");
    EXPECT_EQ(resolved(EntityType::kMechanism, "Regional Conference on Migration"), "rcm");
    EXPECT_EQ(resolved(EntityType::kMechanism, "Soderkoping Process"), "soderkoping_process");
    EXPECT_EQ(resolved(EntityType::kMechanism, "MIDSA"), "midsa");
    EXPECT_EQ(resolved(EntityType::kMechanism, "ADD"), "abu_dhabi_dialogue");
    EXPECT_EQ(resolved(EntityType::kMechanism, "SADC"), "(none)");
    EXPECT_EQ(resolved(EntityType::kOrganisation, "SADC"), "sadc");
    EXPECT_EQ(resolved(EntityType::kOrganisation, "African Union"), "au");
    EXPECT_EQ(resolved(EntityType::kOrganisation, "au"), "au");
}

TEST_F(GazetteerTest, FindComparesStateIdsCaseInsensitively) {
    ASSERT_NE(gazetteer_->find(EntityType::kState, "za"), nullptr);
    EXPECT_EQ(gazetteer_->find(EntityType::kState, "za")->name, "South Africa");
    EXPECT_EQ(gazetteer_->find(EntityType::kState, "South Africa"), nullptr);
    ASSERT_NE(gazetteer_->find(EntityType::kMechanism, "midsa"), nullptr);
    EXPECT_EQ(gazetteer_->find(EntityType::kMechanism, "MIDSA"), nullptr);
    EXPECT_EQ(gazetteer_->find(EntityType::kOrganisation, "midsa"), nullptr);
}

TEST_F(GazetteerTest, DisplayLabelsAreNaturalNames) {
    const auto label = [](std::string_view id) {
        return gazetteer_->find(EntityType::kState, id)->name;
    };
    EXPECT_EQ(label("KR"), "South Korea");
    EXPECT_EQ(label("CD"), "Democratic Republic of the Congo");
    EXPECT_EQ(label("CG"), "Republic of the Congo");
    EXPECT_EQ(label("PS"), "State of Palestine");
    EXPECT_EQ(label("VG"), "British Virgin Islands");
    EXPECT_EQ(label("VA"), "Holy See");
    EXPECT_EQ(label("CSXX"), "Serbia and Montenegro");
}

TEST_F(GazetteerTest, KeepsKindsAndMechanismDetails) {
    EXPECT_EQ(gazetteer_->find(EntityType::kState, "ZA")->kind, "state");
    EXPECT_EQ(gazetteer_->find(EntityType::kState, "HK")->kind, "territory");
    EXPECT_EQ(gazetteer_->find(EntityType::kState, "SUHH")->kind, "dissolved");
    EXPECT_EQ(gazetteer_->find(EntityType::kState, "XK")->kind, "state");
    const Entity* midsa = gazetteer_->find(EntityType::kMechanism, "midsa");
    ASSERT_NE(midsa, nullptr);
    EXPECT_EQ(midsa->name, "Migration Dialogue for Southern Africa");
    EXPECT_EQ(midsa->kind, "RCP");
    EXPECT_EQ(midsa->established, 2000);
    EXPECT_EQ(midsa->members.size(), 16u);
    EXPECT_EQ(gazetteer_->find(EntityType::kOrganisation, "iom")->kind, "organisation");
}

TEST_F(GazetteerTest, AliasesCarryFormAndCaseSensitivity) {
    const Entity* za = gazetteer_->find(EntityType::kState, "ZA");
    const auto rsa = std::find_if(za->aliases.begin(), za->aliases.end(),
                                  [](const Alias& a) { return a.text == "RSA"; });
    ASSERT_NE(rsa, za->aliases.end());
    EXPECT_EQ(rsa->form, MentionForm::kAbbreviation);
    EXPECT_TRUE(rsa->case_sensitive);
    const Entity* kr = gazetteer_->find(EntityType::kState, "KR");
    EXPECT_TRUE(std::none_of(kr->aliases.begin(), kr->aliases.end(),
                             [](const Alias& a) { return a.text == "Korea"; }));
}

TEST_F(GazetteerTest, MechanismsOfStateFollowMemberLists) {
    const auto ids = [](std::string_view state) {
        std::vector<std::string> out;
        for (const Entity* m : gazetteer_->mechanisms_of_state(state)) out.push_back(m->id);
        return out;
    };
    EXPECT_EQ(ids("SZ"), std::vector<std::string>{"midsa"});
    EXPECT_EQ(ids("km"), std::vector<std::string>{"midsa"});
    EXPECT_EQ(ids("CSXX"), std::vector<std::string>{"budapest_process"});
    EXPECT_EQ(ids("TH"), (std::vector<std::string>{"apc", "bali_process", "colombo_process",
                                                   "manila_process"}));
    EXPECT_TRUE(ids("AQ").empty());
}

TEST(GazetteerNaturalOrder, TurnsInvertedIsoNamesAround) {
    using gazetteer_detail::natural_order;
    EXPECT_EQ(natural_order("Korea, Republic of"), "Republic of Korea");
    EXPECT_EQ(natural_order("Congo, The Democratic Republic of the"),
              "The Democratic Republic of the Congo");
    EXPECT_EQ(natural_order("Virgin Islands, U.S."), "U.S. Virgin Islands");
    EXPECT_EQ(natural_order("Bonaire, Sint Eustatius and Saba"), "");
    EXPECT_EQ(natural_order("Taiwan, Province of China"), "");
    EXPECT_EQ(natural_order("South Africa"), "");
}

// --- Bad files: each error names the file and the line --------------------------------------

class GazetteerFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        dir_ = fs::temp_directory_path() / ("consulta-gazetteer-" + std::to_string(random()));
        fs::create_directories(dir_);
        files_ = project_files();
        // With a byte order mark, as spreadsheet programs write it.
        files_.states = write("states.tsv",
                              "\xEF\xBB\xBFid\tform\tmatch\ttext\tnote\n"
                              "ZA\tabbreviation\tcase\tRSA\n");
        files_.mechanisms =
            write("mechanisms.tsv",
                  "id\tname\tacronyms\tother_names\tuntagged\tkind\tmembers\n"
                  "midsa\tMigration Dialogue for Southern Africa\tMIDSA\t\t\tRCP\tZA BW\n");
        files_.organisations = write("organisations.tsv",
                                     "id\tname\tacronyms\tother_names\tuntagged\n"
                                     "sadc\tSouthern African Development Community\tSADC\t\t\n");
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path write(const std::string& name, const std::string& content) {
        std::ofstream(dir_ / name, std::ios::binary) << content;
        return dir_ / name;
    }
    Status load_status() {
        Result<Gazetteer> loaded = Gazetteer::load(files_);
        return loaded.is_ok() ? Status::ok() : loaded.status();
    }
    void expect_config_error(const std::string& where, const std::string& what) {
        const Status status = load_status();
        EXPECT_EQ(status.code(), ErrorCode::kConfig) << status.message();
        EXPECT_NE(status.message().find(where), std::string::npos) << status.message();
        EXPECT_NE(status.message().find(what), std::string::npos) << status.message();
    }

    fs::path dir_;
    GazetteerFiles files_;
};

TEST_F(GazetteerFilesTest, SmallValidFilesLoad) {
    Result<Gazetteer> loaded = Gazetteer::load(files_);
    ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
    EXPECT_EQ(loaded->entities(EntityType::kMechanism).size(), 1u);
    EXPECT_EQ(loaded->resolve(EntityType::kState, "RSA")->id, "ZA");
}

TEST_F(GazetteerFilesTest, BadFormNamesFileAndLine) {
    files_.states =
        write("states.tsv", "# comment\nid\tform\tmatch\ttext\n\nZA\tnickname\texact\tMzansi\n");
    expect_config_error((dir_ / "states.tsv").string() + ":4:", "bad form 'nickname'");
}

TEST_F(GazetteerFilesTest, BadMatchPolicyIsAnError) {
    files_.states = write("states.tsv", "id\tform\tmatch\ttext\nZA\talias\tfuzzy\tMzansi\n");
    expect_config_error("states.tsv:2:", "bad match 'fuzzy'");
}

TEST_F(GazetteerFilesTest, UnknownStateIdIsAnError) {
    files_.states = write("states.tsv", "id\tform\tmatch\ttext\nQQ\talias\texact\tNowhere\n");
    expect_config_error("states.tsv:2:", "unknown state id 'QQ'");
}

TEST_F(GazetteerFilesTest, TooManyColumnsIsAnError) {
    files_.states = write("states.tsv", "id\tform\tmatch\ttext\nZA\talias\texact\tMzansi\tx\n");
    expect_config_error("states.tsv:2:", "at most 4");
}

TEST_F(GazetteerFilesTest, UnknownMemberIsAnError) {
    files_.mechanisms =
        write("mechanisms.tsv",
              "id\tname\tacronyms\tother_names\tuntagged\tkind\tmembers\n"
              "midsa\tMigration Dialogue for Southern Africa\tMIDSA\t\t\tRCP\tZA QQ\n");
    expect_config_error("mechanisms.tsv:2:", "unknown member state id 'QQ'");
}

TEST_F(GazetteerFilesTest, BadMechanismKindAndYearAreErrors) {
    files_.mechanisms = write("mechanisms.tsv",
                              "id\tname\tacronyms\tother_names\tuntagged\tkind\testablished\n"
                              "x\tX Process\t\t\t\tRCP\t20O6\n");
    expect_config_error("mechanisms.tsv:2:", "bad established year '20O6'");
    files_.mechanisms = write("mechanisms.tsv",
                              "id\tname\tacronyms\tother_names\tuntagged\tkind\n"
                              "x\tX Process\t\t\t\tforum\n");
    expect_config_error("mechanisms.tsv:2:", "bad kind 'forum'");
}

TEST_F(GazetteerFilesTest, MissingColumnAndDuplicateIdAreErrors) {
    files_.organisations = write("organisations.tsv", "id\tname\tacronyms\n");
    expect_config_error("organisations.tsv:1:", "no column 'other_names'");
    files_.organisations = write("organisations.tsv",
                                 "id\tname\tacronyms\tother_names\tuntagged\n"
                                 "iom\tInternational Organization for Migration\tIOM\t\t\n"
                                 "iom\tIOM again\t\t\t\n");
    expect_config_error("organisations.tsv:3:", "duplicate id 'iom'");
}

TEST_F(GazetteerFilesTest, SameWordsForTwoEntitiesIsAnError) {
    files_.organisations = write("organisations.tsv",
                                 "id\tname\tacronyms\tother_names\tuntagged\n"
                                 "sadc\tSouthern African Development Community\tMIDSA\t\t\n");
    expect_config_error("organisations.tsv:2:", "names organisation sadc");
}

TEST_F(GazetteerFilesTest, MissingFileIsAnIoErrorAndBadJsonAConfigError) {
    files_.states = dir_ / "absent.tsv";
    EXPECT_EQ(load_status().code(), ErrorCode::kIo);
    files_.states = write("states.tsv", "id\tform\tmatch\ttext\n");
    files_.iso_3166_1 = write("iso.json", "{\"3166-1\": [{\"name\": \"No code\"}]}");
    expect_config_error("iso.json", "not an iso-codes 3166-1 file");
}

}  // namespace
}  // namespace consulta
