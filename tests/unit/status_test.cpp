#include <gtest/gtest.h>

#include "core/common/status.h"

namespace consulta {
namespace {

TEST(Status, DefaultIsOk) {
    Status status;
    EXPECT_TRUE(status.is_ok());
    EXPECT_EQ(status.code(), ErrorCode::kOk);
}

TEST(Status, CodesHaveStableNames) {
    EXPECT_EQ(error_code_name(ErrorCode::kBadQuery), "bad_query");
    EXPECT_EQ(error_code_name(ErrorCode::kBadParameter), "bad_parameter");
    EXPECT_EQ(error_code_name(ErrorCode::kNotFound), "not_found");
    EXPECT_EQ(error_code_name(ErrorCode::kTooLarge), "too_large");
    EXPECT_EQ(error_code_name(ErrorCode::kLocked), "index_locked");
}

TEST(Result, HoldsValueOrStatus) {
    Result<int> good = 7;
    ASSERT_TRUE(good.is_ok());
    EXPECT_EQ(*good, 7);
    Result<int> bad(ErrorCode::kNotFound, "no such document 'x'");
    ASSERT_FALSE(bad.is_ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(bad.status().message(), "no such document 'x'");
}

}  // namespace
}  // namespace consulta
