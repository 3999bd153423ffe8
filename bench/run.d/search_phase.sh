# In-process search on one corpus's Consulta index: bench_search_compare checks Consulta's
# answers against the plain Enquire, then times the query set interleaved. Sourced, not run.
# search_round LABEL SECONDS QUEST_RUNS
search_round() {
  local label=$1 seconds=$2 quest_runs=$3
  log "$label: in-process search, ${seconds}s budget"
  timeout $((seconds * 4 + 600)) "$bin/bench_search_compare" --index "$consulta_index" \
    --samples "$samples" --label "$label" --seconds "$seconds" --quest-runs "$quest_runs" \
    --check >"$work/$label-search.log" 2>&1
  local rc=$?
  ((rc == 0)) || log "bench_search_compare exited $rc on $label: see $work/$label-search.log"
  {
    echo "#### $label: checks and search log"
    echo
    echo '```'
    cat "$work/$label-search.log"
    echo '```'
    echo
  } >>"$extra"
  grep -E '^(check|search)' "$work/$label-search.log" >&2 || true
}
