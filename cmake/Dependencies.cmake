# Every dependency comes from a Debian package (scripts/setup.sh installs them); nothing is downloaded.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Xapian's CMake file sets variables only: wrap them in an imported target.
find_package(Xapian REQUIRED)
add_library(Xapian::xapian INTERFACE IMPORTED)
set_target_properties(Xapian::xapian PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")

# zstd compresses the stored text chunks (Xapian leaves values uncompressed): at 4 KB a
# chunk it packs English as small as zlib and unpacks it twice as fast.
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(nlohmann_json 3.10 REQUIRED)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
# cpp-httplib ships a compiled library with a pkg-config file: its CPPHTTPLIB_* flags must match it.
pkg_check_modules(HTTPLIB IMPORTED_TARGET cpp-httplib)
find_package(GTest)

set(CONSULTA_ISO_CODES_DIR "/usr/share/iso-codes/json" CACHE PATH "Where Debian's iso-codes package keeps its JSON files")
