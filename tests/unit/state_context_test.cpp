// The rules of config/state_context.tsv (issue 9), one test per rule: what each sets aside and,
// just as much, what it must keep. The sentences are not those of the evaluation's labelled
// texts (tests/data/golden/labelled/), so that the evaluation stays a test of unseen text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/entities/entity_tagger.h"
#include "core/text/tokenizer.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {

namespace fs = std::filesystem;
using Lines = std::vector<std::string>;

GazetteerFiles project_files() {
    const fs::path config = fs::path(CONSULTA_SOURCE_DIR) / "config";
    GazetteerFiles files;
    files.iso_3166_1 = fs::path(CONSULTA_ISO_CODES_DIR) / "iso_3166-1.json";
    files.states = config / "states.tsv";
    files.mechanisms = config / "mechanisms.tsv";
    files.organisations = config / "organisations.tsv";
    files.state_context = config / "state_context.tsv";
    return files;
}

class StateContextTest : public ::testing::Test {
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

    /// "GE Georgia" per state mention, in text order.
    Lines states(std::string_view text) {
        Lines lines;
        for (const Mention& m : tag(text)) {
            if (m.type == EntityType::kState) lines.push_back(m.entity + " " + m.surface);
        }
        return lines;
    }
    /// "title Jordan (JO)" per state name set aside, with the rule that did it.
    Lines set_aside(std::string_view text) {
        std::vector<SetAside> aside;
        tag(text, &aside);
        Lines lines;
        for (const SetAside& s : aside) {
            lines.push_back(std::string(s.rule) + " " + s.mention.surface +
                            (s.mention.entity.empty() ? "" : " (" + s.mention.entity + ")"));
        }
        return lines;
    }

    std::vector<Mention> tag(std::string_view text, std::vector<SetAside>* aside = nullptr) {
        return EntityTagger(*gazetteer_).tag(text, tokenizer_.tokenize(text), aside);
    }

    static Gazetteer* gazetteer_;
    Tokenizer tokenizer_;
};
Gazetteer* StateContextTest::gazetteer_ = nullptr;

TEST_F(StateContextTest, TitleBeforeAGivenNameIsAPerson) {
    EXPECT_EQ(states("The report by Mrs. Georgia Petrakis was adopted."), Lines{});
    EXPECT_EQ(set_aside("The report by Mrs. Georgia Petrakis was adopted."),
              Lines{"title Georgia (GE)"});
    EXPECT_EQ(states("Prof Niger Salami and Governor Chad Ellis spoke."), Lines{});
    EXPECT_EQ(states("Thanks go to Ms Kenya and to Minister Israel Cohen."), Lines{});
    // Keeps: a title OF the state, a title before another word, a comma between.
    EXPECT_EQ(states("the President of Georgia met the Minister for Jordan"),
              (Lines{"GE Georgia", "JO Jordan"}));
    EXPECT_EQ(states("the Minister, Jordan and Chad agreed"), (Lines{"JO Jordan", "TD Chad"}));
    // A name that is no given name is never a person: "Mr. Peru" stays PE.
    EXPECT_EQ(states("Mr. Peru"), Lines{"PE Peru"});
}

TEST_F(StateContextTest, CapitalisedSurnameAfterAGivenNameIsAPerson) {
    EXPECT_EQ(states("Israel Navarro and Chad Brennan-Lowe wrote the annex."), Lines{});
    EXPECT_EQ(set_aside("Israel Navarro and Chad Brennan-Lowe wrote the annex."),
              (Lines{"surname Israel (IL)", "surname Chad (TD)"}));
    EXPECT_EQ(states("A note by India Okafor on Kenya"), Lines{"KE Kenya"});
    // Keeps: a body or a document after the name, another state, punctuation between, lower case.
    EXPECT_EQ(states("the Jordan Compact and the Chad Government"),
              (Lines{"JO Jordan", "TD Chad"}));
    EXPECT_EQ(states("Georgia Ministry of Internal Affairs"), Lines{"GE Georgia"});
    EXPECT_EQ(states("Jordan Lebanon Syria"), (Lines{"JO Jordan", "LB Lebanon", "SY Syria"}));
    EXPECT_EQ(states("Jordan-Lebanon border"), (Lines{"JO Jordan", "LB Lebanon"}));
    EXPECT_EQ(states("Chad's delegation, Kenya (East Africa) and Niger\nMali"),
              (Lines{"TD Chad", "KE Kenya", "NE Niger", "ML Mali"}));
    EXPECT_EQ(states("India USA"), (Lines{"IN India", "US USA"}));
    EXPECT_EQ(states("India reported"), Lines{"IN India"});
}

TEST_F(StateContextTest, PersonVerbAfterAGivenNameIsAPerson) {
    EXPECT_EQ(states("Later, Georgia nodded; Jordan told the room"), Lines{});
    EXPECT_EQ(states("Georgia and Jordan told the room"), (Lines{"GE Georgia", "JO Jordan"}));
    EXPECT_EQ(set_aside("Later, Georgia nodded"), Lines{"person_verb Georgia (GE)"});
    // Keeps: a state cue before it, a verb a state takes, a name that is no given name.
    EXPECT_EQ(states("the delegation of Jordan said that Chad and Niger said nothing"),
              (Lines{"JO Jordan", "TD Chad", "NE Niger"}));
    EXPECT_EQ(states("Jordan announced and Georgia ratified"), (Lines{"JO Jordan", "GE Georgia"}));
    EXPECT_EQ(states("Mali said"), Lines{"ML Mali"});
}

TEST_F(StateContextTest, UsCityBeforeANamesakeIsAUsPlace) {
    EXPECT_EQ(states("offices in Macon, Georgia and Valdosta, Georgia"), Lines{});
    EXPECT_EQ(set_aside("offices in Macon, Georgia"), Lines{"us_city Georgia (GE)"});
    // Keeps: a foreign capital before, a US city before a state that is no US namesake.
    EXPECT_EQ(states("Tbilisi, Georgia and Amman, Jordan"), (Lines{"GE Georgia", "JO Jordan"}));
    EXPECT_EQ(states("Rome, Italy and San Jose, Costa Rica"),
              (Lines{"IT Italy", "CR Costa Rica"}));
}

TEST_F(StateContextTest, UsStateAfterANamesakeIsAUsTown) {
    EXPECT_EQ(states("plants in Mexico, Missouri and Poland, Ohio"), Lines{});
    EXPECT_EQ(set_aside("a school in Jordan, Utah"), Lines{"us_state Jordan (JO)"});
    EXPECT_EQ(set_aside("Georgia, USA"), Lines{"us_state Georgia (GE)"});
    // Keeps: Georgia is not a us_state ("Lebanon, Georgia and Armenia" is a list of states),
    // postal codes are not us_states, a list of states.
    EXPECT_EQ(states("Lebanon, Georgia and Armenia"),
              (Lines{"LB Lebanon", "GE Georgia", "AM Armenia"}));
    EXPECT_EQ(states("Jordan, OR Lebanon"), (Lines{"JO Jordan", "LB Lebanon"}));
    EXPECT_EQ(states("Peru, Chile and Bolivia"), (Lines{"PE Peru", "CL Chile", "BO Bolivia"}));
}

TEST_F(StateContextTest, NamesakeInAListOfUsStatesIsAUsState) {
    EXPECT_EQ(states("troops from Ohio, Georgia, and Kentucky"), Lines{});
    EXPECT_EQ(set_aside("Alabama and Georgia"), Lines{"us_state_list Georgia (GE)"});
    EXPECT_EQ(set_aside("Georgia or South Carolina"), Lines{"us_state_list Georgia (GE)"});
    // Keeps: a list of states of the world, a US state further away in the sentence.
    EXPECT_EQ(states("Georgia, Ukraine and Moldova"),
              (Lines{"GE Georgia", "UA Ukraine", "MD Moldova"}));
    EXPECT_EQ(states("Georgia signed in Texas"), Lines{"GE Georgia"});
    EXPECT_EQ(states("Nicaragua, Panama and USA"), (Lines{"NI Nicaragua", "PA Panama", "US USA"}));
    EXPECT_EQ(states("between Mexico and Texas, Hawaii and Panama"), (Lines{"MX Mexico", "PA Panama"}));
}

TEST_F(StateContextTest, PlaceBlocksHideTheStateInsideLongerNames) {
    EXPECT_EQ(states("New Jersey Transit, a New Jersey firm and Jersey City"), Lines{});
    EXPECT_EQ(set_aside("New Jersey"), Lines{"block New Jersey"});
    EXPECT_EQ(states("New Mexico, the Gulf of Mexico and the Strait of Georgia"), Lines{});
    EXPECT_EQ(states("the University of Georgia and Georgia Tech"), Lines{});
    EXPECT_EQ(states("Panama City, Florida"), Lines{});
    // Keeps: Mexico City is Mexico (decided), so is Panama City alone; New Caledonia and Papua
    // New Guinea are states of their own; the island of Jersey; a US state name holds none.
    EXPECT_EQ(states("Mexico City and Panama City"), (Lines{"MX Mexico", "PA Panama"}));
    EXPECT_EQ(states("New Caledonia, Papua New Guinea and Jersey"),
              (Lines{"NC New Caledonia", "PG Papua New Guinea", "JE Jersey"}));
    EXPECT_EQ(states("New York and New Hampshire"), Lines{});
}

// The loader: the lists are data, and a wrong row names its file and line.
class StateContextFileTest : public ::testing::Test {
protected:
    void SetUp() override { files_ = project_files(); }
    Status load(const std::string& content) {
        files_.state_context = dir_.path() / "state_context.tsv";
        std::ofstream(files_.state_context) << "rule\ttext\n" << content;
        Result<Gazetteer> loaded = Gazetteer::load(files_);
        return loaded.is_ok() ? Status::ok() : loaded.status();
    }
    test_support::TempDir dir_;
    GazetteerFiles files_;
};

TEST_F(StateContextFileTest, AnEditedListChangesTheTagging) {
    ASSERT_TRUE(load("given_name\tPeru\ntitle\tCaptain\n").is_ok());
    Result<Gazetteer> loaded = Gazetteer::load(files_);
    ASSERT_TRUE(loaded.is_ok());
    Tokenizer tokenizer;
    const std::string text = "Captain Peru and Captain Jordan";
    const auto mentions = EntityTagger(loaded.value()).tag(text, tokenizer.tokenize(text));
    ASSERT_EQ(mentions.size(), 1u);  // Jordan is no given_name in this file
    EXPECT_EQ(mentions[0].entity, "JO");
}

TEST_F(StateContextFileTest, BadRowsAreConfigErrors) {
    Status s = load("nickname\tJordan\n");
    EXPECT_EQ(s.code(), ErrorCode::kConfig);
    EXPECT_NE(s.message().find("state_context.tsv:2: bad rule 'nickname'"), std::string::npos)
        << s.message();
    s = load("title\tVice President\n");
    EXPECT_NE(s.message().find("state_context.tsv:2: 'Vice President' is not one word"),
              std::string::npos)
        << s.message();
    s = load("place_block\tGeorgia\n");
    EXPECT_NE(s.message().find("state_context.tsv:2: this block phrase is also a name of state GE"),
              std::string::npos)
        << s.message();
    s = load("us_city\t\n");
    EXPECT_NE(s.message().find("empty text column"), std::string::npos) << s.message();
}

TEST_F(StateContextFileTest, NoFileMeansNoRules) {
    files_.state_context.clear();
    Result<Gazetteer> loaded = Gazetteer::load(files_);
    ASSERT_TRUE(loaded.is_ok());
    Tokenizer tokenizer;
    const std::string text = "Mr. Jordan, New Jersey";
    const auto mentions = EntityTagger(loaded.value()).tag(text, tokenizer.tokenize(text));
    ASSERT_EQ(mentions.size(), 2u);
    EXPECT_EQ(mentions[0].entity, "JO");
    EXPECT_EQ(mentions[1].entity, "JE");
}

}  // namespace
}  // namespace consulta
