#!/usr/bin/env bash
# Seeds the fuzz corpora at run time (never committed): a sample of the connector corpus for the
# `engine` and `parse` targets. Usage: fuzz/seed-corpus.sh [CORPUS_DIR] [COUNT]
set -euo pipefail
cd "$(dirname "$0")"
src="${1:-../../shared/corpus}"
count="${2:-60}"
[ -d "$src" ] || { echo "no corpus at $src" >&2; exit 1; }
mkdir -p corpus/engine corpus/parse
i=0
# A spread of sizes: every Nth swagger and apiProperties file, small files first.
find "$src" -type f \( -name apiDefinition.swagger.json -o -name apiProperties.json -o -name settings.json \) -size -200k -print0 |
    sort -z | awk -v RS='\0' -v ORS='\0' -v n="$count" 'NR % 7 == 0 && c < n { c++; print }' |
    while IFS= read -r -d '' f; do
        i=$((i + 1))
        case "$f" in
            *apiDefinition.swagger.json) kind='\x00' ;;
            *apiProperties.json) kind='\x01' ;;
            *) kind='\x02' ;;
        esac
        # The engine target's first byte picks which file the rest becomes.
        { printf "$kind"; cat "$f"; } > "corpus/engine/seed-$i"
        cp "$f" "corpus/parse/seed-$i"
    done
echo "seeded $(ls corpus/engine | wc -l) engine and $(ls corpus/parse | wc -l) parse inputs"
