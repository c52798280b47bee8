#!/usr/bin/env bash
# Full clean builds of the same synthetic corpus by gongjiang and by Hugo, in one sitting.
#
#   bash benches/build_vs_hugo.sh [N ...]        # default: 1000 10000
#
# Generates N pages with ../shared/bench/gen_corpus.py, converts them to gongjiang's content model
# (benches/convert_corpus.py: bodies byte for byte), gives Hugo the same corpus with the scaffold in
# ../shared/bench/peers/hugo, and times both with hyperfine (output removed before every run, so
# every run is a full clean build; warm page cache). Work happens on tmpfs (WORK, default
# /dev/shm/gongjiang-bench) because the disk mostly measures the file system. Prints the median of
# each tool and the ratio hugo/gongjiang. Needs: hyperfine, hugo (apt-get install -y hyperfine hugo).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED:-$REPO/../shared}"
WORK="${WORK:-/dev/shm/gongjiang-bench}"
RUNS="${RUNS:-5}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)

for tool in hyperfine hugo python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y hyperfine hugo)" >&2; exit 1; }
done
cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
BIN="$REPO/target/release/gongjiang"
mkdir -p "$WORK"

for n in "${SIZES[@]}"; do
  corpus="$WORK/corpus-$n"
  [ -d "$corpus" ] || python3 "$SHARED/bench/gen_corpus.py" "$n" "$corpus" >/dev/null
  site="$WORK/gongjiang-$n"
  rm -rf "$site" && python3 "$HERE/convert_corpus.py" "$corpus" "$site" >/dev/null
  hugo_site="$WORK/hugo-$n"
  rm -rf "$hugo_site" && mkdir -p "$hugo_site"
  cp -r "$SHARED/bench/peers/hugo/." "$hugo_site/"
  cp -r "$corpus" "$hugo_site/content"
  json="$WORK/result-$n.json"
  hyperfine --warmup 1 --runs "$RUNS" --export-json "$json" \
    --prepare "rm -rf '$WORK/out-$n' '$hugo_site/public' '$hugo_site/resources' '$hugo_site/.hugo_build.lock'" \
    -n gongjiang "$BIN build --root '$site' --output '$WORK/out-$n'" \
    -n hugo "hugo --quiet --source '$hugo_site' --destination '$hugo_site/public'" >/dev/null
  python3 - "$json" "$n" <<'EOF'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
g, h = results["gongjiang"], results["hugo"]
print(f"N={sys.argv[2]}: gongjiang median {g['median']:.3f} s (user {g['user']:.2f} s), "
      f"hugo median {h['median']:.3f} s (user {h['user']:.2f} s); hugo/gongjiang = {h['median'] / g['median']:.2f}x")
EOF
done
