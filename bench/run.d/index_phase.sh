# Indexing and incremental runs on one corpus. Sourced, not run.
# index_rounds LABEL ROUNDS: full indexing, consulta-indexer / consulta-indexer --shards 2 /
#   plain TermGenerator / omindex interleaved, ROUNDS times, each into a fresh folder; the last
#   round's indexes stay in $work/LABEL/ for the other phases ($consulta_index, $plain_db,
#   $shards2_index: the shard phase, shards_phase.sh).
# incremental_rounds LABEL ROUNDS: 10 files changed per round, then consulta-indexer over the
#   whole corpus beside bench_plain_indexer --update of the same 10.

# The index runs read a hard-linked copy of the corpus, so that the incremental rounds can
# change files without touching the corpus itself (a changed file is a new inode).
prepare_live() {
  local label=$1
  live=$work/$label/live
  rm -rf "$live"
  mkdir -p "$work/$label"
  cp -al "$corpus" "$live"
  input_bytes=$(find "$live" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
  input_files=$(find "$live" -name '*.txt' | wc -l)
}

# record_index LABEL SECTION TOOL NAME DIR: the figures of one timed run (see timed in common.sh).
record_index() {
  local label=$1 section=$2 tool=$3 name=$4 dir=$5
  local wall user sys rss
  wall=$(field "$name" wall_s); user=$(field "$name" user_s); sys=$(field "$name" sys_s)
  rss=$(field "$name" maxrss_kb)
  sample "$label" "$section" "$tool" - wall_s "$wall"
  sample "$label" "$section" "$tool" - maxrss_kb "$rss"
  sample "$label" "$section" "$tool" - cpu "$(awk -v u="$user" -v s="$sys" -v w="$wall" 'BEGIN { printf "%.3f", (u + s) / w }')"
  if [[ $section == index ]]; then
    sample "$label" index "$tool" - mb_s "$(awk -v b="$input_bytes" -v w="$wall" 'BEGIN { printf "%.4f", b / 1e6 / w }')"
    sample "$label" index "$tool" - index_ratio "$(awk -v i="$(bytes_of "$dir")" -v b="$input_bytes" 'BEGIN { printf "%.4f", i / b }')"
    sample "$label" index "$tool" - input_mb "$(awk -v b="$input_bytes" 'BEGIN { printf "%.3f", b / 1e6 }')"
    sample "$label" index "$tool" - files "$input_files"
  fi
}

# run_indexer LABEL TOOL ROUND: one full run of one indexer into a fresh folder.
run_indexer() {
  local label=$1 tool=$2 round=$3
  local dir=$work/$label/$tool-index name=$label-index-$tool-$round
  rm -rf "$dir"
  case $tool in
    consulta) timed "$index_timeout" "$name" "$bin/consulta-indexer" --corpus "$live" --index "$dir" --quiet --json ;;
    consulta-shards2) timed "$index_timeout" "$name" "$bin/consulta-indexer" --corpus "$live" --index "$dir" --shards 2 --quiet --json ;;
    plain) timed "$index_timeout" "$name" "$bin/bench_plain_indexer" --corpus "$live" --db "$dir" ;;
    omindex) timed "$index_timeout" "$name" omindex --db "$dir" --url / "$live" ;;
  esac
  local rc=$?
  if ((rc != 0)); then
    log "$tool failed on $label (exit $rc): see $work/$name.log"
    return 0
  fi
  record_index "$label" index "$tool" "$name" "$dir"
  log "$label $tool round $round: $(field "$name" wall_s) s, $(field "$name" maxrss_kb) KiB peak"
}

index_rounds() {
  local label=$1 rounds=$2 round tool
  prepare_live "$label"
  for round in $(seq "$rounds"); do
    for tool in consulta consulta-shards2 plain omindex; do run_indexer "$label" "$tool" "$round"; done
  done
  consulta_index=$work/$label/consulta-index
  shards2_index=$work/$label/consulta-shards2-index
  plain_db=$work/$label/plain-index
}

# change_files ROUND: appends a sentence to 10 files spread over the corpus, each written as a
# new file (a new inode), so the hard-linked corpus keeps its bytes.
change_files() {
  local round=$1 file
  changed_ids=()
  local -a all
  mapfile -t all < <(find "$live" -name '*.txt' -printf '%f\n' | sort)
  local step=$(((${#all[@]} + 9) / 10)) i
  for ((i = 0; i < ${#all[@]} && ${#changed_ids[@]} < 10; i += step)); do
    file=$live/${all[i]}
    { cat "$file"; printf ' Revised for benchmark round %d.' "$round"; } >"$file.new"
    mv "$file.new" "$file"
    changed_ids+=("${all[i]%.txt}")
  done
}

incremental_rounds() {
  local label=$1 rounds=$2 round name
  for round in $(seq "$rounds"); do
    change_files "$round"
    name=$label-incremental-consulta-$round
    if timed "$index_timeout" "$name" "$bin/consulta-indexer" --corpus "$live" --index "$consulta_index" --quiet --json &&
       grep -q '"updated": 10' "$work/$name.log"; then
      record_index "$label" incremental consulta "$name" "$consulta_index"
    else
      log "consulta-indexer incremental run failed or did not update 10 documents: $work/$name.log"
    fi
    name=$label-incremental-plain-$round
    if timed "$index_timeout" "$name" "$bin/bench_plain_indexer" --corpus "$live" --db "$plain_db" --update "${changed_ids[@]}"; then
      record_index "$label" incremental plain "$name" "$plain_db"
    else
      log "bench_plain_indexer --update failed: $work/$name.log"
    fi
    log "$label incremental round $round: consulta $(field "$label-incremental-consulta-$round" wall_s) s, plain $(field "$name" wall_s) s"
  done
}
