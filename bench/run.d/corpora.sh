# make_corpus LABEL COPIES: the corpus of one size, in $work/../corpora/LABEL (kept between runs:
# the generator is seeded, so a corpus made once is the corpus every run wants). Sets $corpus.
# COPIES 0 is the texts once, unchanged. Sourced, not run.
corpus_seed=8

make_corpus() {
  local label=$1 copies=$2
  corpus=$corpora/$label
  local stamp="copies=$copies seed=$corpus_seed generator=$(sha256sum "$root/bench/sotu/sotu_corpus.cpp" | cut -c1-16)"
  if [[ -f $corpus.stamp && $(cat "$corpus.stamp") == "$stamp" ]]; then
    return 0
  fi
  log "building the $label corpus ($copies copies)"
  rm -rf "$corpus" "$corpus.stamp"
  timeout 1800 "$bin/bench_sotu_corpus" --texts "$sotu_texts" --out "$corpus" \
    --copies "$copies" --seed "$corpus_seed" >&2
  echo "$stamp" >"$corpus.stamp"
}
