#pragma once
// The project's gazetteer (Debian's iso-codes and config/), loaded once per test program.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/entities/gazetteer_data.h"

namespace consulta::test_support {

inline const Gazetteer& project_gazetteer() {
    static const Gazetteer gazetteer = [] {
        const std::filesystem::path config = std::filesystem::path(CONSULTA_SOURCE_DIR) / "config";
        auto loaded = Gazetteer::load(
            {std::filesystem::path(CONSULTA_ISO_CODES_DIR) / "iso_3166-1.json",
             config / "states.tsv", config / "mechanisms.tsv", config / "organisations.tsv",
             config / "state_context.tsv"});
        EXPECT_TRUE(loaded) << loaded.status().message();
        return std::move(loaded).value();
    }();
    return gazetteer;
}

}  // namespace consulta::test_support
