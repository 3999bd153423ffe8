#!/usr/bin/env bash
# The README's first command: install what is missing, build, index corpus/ into index/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# Exit status 1 only means a file was skipped (named in the summary): the index is still usable.
build/bin/consulta-indexer --corpus corpus --index index --config config/consulta.toml || [[ $? == 1 ]]
echo "Starting consulta-searchd on http://127.0.0.1:8080 (Ctrl-C stops it)"
exec build/bin/consulta-searchd --index index --config config/consulta.toml
