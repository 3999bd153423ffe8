# write_meta FILE COMMAND MODE: the machine, the versions and the run, as "key<TAB>value".
# Sourced, not run.
write_meta() {
  local file=$1 command=$2 mode=$3
  local cxx build_type
  cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)
  {
    printf 'command\t%s\n' "$command"
    printf 'mode\t%s\n' "$mode"
    printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'nproc\t%s\n' "$(nproc)"
    printf 'cpu\t%s\n' "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
    printf 'memory\t%s\n' "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'os\t%s, kernel %s\n' "$(. /etc/os-release && echo "$PRETTY_NAME")" "$(uname -r)"
    printf 'xapian\t%s\n' "$(xapian-config --version 2>/dev/null | awk '{ print $NF }')"
    printf 'icu\t%s\n' "$(pkg-config --modversion icu-uc 2>/dev/null)"
    printf 'compiler\t%s\n' "$("${cxx:-c++}" --version 2>/dev/null | head -1)"
    printf 'build\t%s (%s)\n' "${build_type:-unknown}" "$build"
    printf 'commit\t%s%s (branch %s)\n' "$(git -C "$root" rev-parse --short HEAD 2>/dev/null)" \
      "$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ', with uncommitted changes')" \
      "$(git -C "$root" rev-parse --abbrev-ref HEAD 2>/dev/null)"
  } >"$file"
}
