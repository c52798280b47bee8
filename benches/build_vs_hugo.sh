#!/usr/bin/env bash
# Full clean builds of the same synthetic corpus by gongjiang and by Hugo, alternating, with the
# `cp -r` floor timed in the same run; then the microsite.
#
#   bash benches/build_vs_hugo.sh [N ...]         # default: 1000 10000
#
# Environment:
#   PAIRS   timed rounds after one warm-up round (default 5). A round is: gongjiang, Hugo, then
#           `cp -r` of gongjiang's output tree (A B C A B C ...), so load changes hit all three.
#   WORK    scratch folder (default /dev/shm/gongjiang-bench: tmpfs, where the engine is measured;
#           ../shared/bench/README.md explains why). WORK=/var/tmp/gongjiang-bench measures the disk.
#   SHARED  the shared folder (default ../shared beside the repository).
#   HUGO_MAX  the largest N Hugo is run for (default 10000): Hugo 0.111 holds about 2 GiB per
#           10,000 pages, so 100,000 would need more memory than a laptop has; above it the row
#           compares with the floor only.
#
# For each N: ../shared/bench/gen_corpus.py writes the corpus, benches/convert_corpus.py turns it
# into gongjiang's content model (bodies byte for byte), and Hugo gets the same corpus with the
# scaffold in ../shared/bench/peers/hugo. Every run starts with the output folder removed and
# `sync`, so every timed run is a full clean build with a warm page cache. Wall time comes from
# the shell's clock, peak RSS from GNU time. Prints medians and the ratios gongjiang/Hugo (wall,
# RSS), gongjiang/floor, and the cost of 10x the pages. Needs: hugo, python3, GNU time
# (apt-get install -y hugo time).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED:-$REPO/../shared}"
WORK="${WORK:-/dev/shm/gongjiang-bench}"
PAIRS="${PAIRS:-5}"
HUGO_MAX="${HUGO_MAX:-10000}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)

for tool in hugo python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y hugo time)" >&2; exit 1; }
done
cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
BIN="$REPO/target/release/gongjiang"
mkdir -p "$WORK"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# run LABEL N CLEAN CMD... : one timed run, appends "label n round wall_s rss_kib" to RESULTS.
run() {
  local label="$1" n="$2" round="$3" clean="$4"
  shift 4
  eval "$clean"
  sync
  local t0 t1 rss
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$WORK/time.txt" "$@" >"$WORK/run.log" 2>&1 ||
    { echo "$label failed:" >&2; tail -20 "$WORK/run.log" >&2; exit 1; }
  t1=$(date +%s%N)
  rss=$(tail -n 1 "$WORK/time.txt")
  [ "$round" = warmup ] || printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$n" "$round" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')" "$rss" >>"$RESULTS"
}

for n in "${SIZES[@]}"; do
  corpus="$WORK/corpus-$n"
  [ -d "$corpus" ] || python3 "$SHARED/bench/gen_corpus.py" "$n" "$corpus" >/dev/null
  site="$WORK/gongjiang-$n"
  rm -rf "$site" && python3 "$HERE/convert_corpus.py" "$corpus" "$site" >/dev/null
  hugo_site="$WORK/hugo-$n"
  with_hugo=$([ "$n" -le "$HUGO_MAX" ] && echo 1 || echo 0)
  rm -rf "$hugo_site"
  if [ "$with_hugo" = 1 ]; then
    mkdir -p "$hugo_site"
    cp -r "$SHARED/bench/peers/hugo/." "$hugo_site/"
    cp -r "$corpus" "$hugo_site/content"
  fi
  out="$WORK/out-$n"
  for round in warmup $(seq 1 "$PAIRS"); do
    run gongjiang "$n" "$round" "rm -rf '$out'" "$BIN" build --root "$site" --output "$out"
    [ "$with_hugo" = 1 ] && run hugo "$n" "$round" "rm -rf '$hugo_site/public' '$hugo_site/resources' '$hugo_site/.hugo_build.lock'" \
      hugo --quiet --source "$hugo_site" --destination "$hugo_site/public"
    run floor "$n" "$round" "rm -rf '$WORK/floor-$n'" cp -r "$out" "$WORK/floor-$n"
  done
  rm -rf "$WORK/floor-$n"
  if [ "$with_hugo" = 1 ]; then
    echo "N=$n: $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1) (gongjiang); $(find "$hugo_site/public" -type f | wc -l) files (Hugo)"
  else
    echo "N=$n: $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1) (gongjiang); Hugo not run (HUGO_MAX=$HUGO_MAX: it would need about $((n / 5000)) GiB)"
  fi
done

# The microsite: 20 clean builds after a warm-up, as it ships (search and precompressed copies
# on), then a copy with `precompress: false` (what a build costs before compression: compressing
# at Brotli's best quality is a publishing step, and a rebuild over the previous output reuses
# the copies of unchanged files).
micro="$WORK/out-microsite"
for round in warmup $(seq 1 20); do
  run microsite 6 "$round" "rm -rf '$micro'" "$BIN" build --root "$REPO" --output "$micro"
done
plain="$WORK/microsite-plain"
rm -rf "$plain" && mkdir -p "$plain"
for folder in content templates static data; do
  if [ -d "$REPO/$folder" ]; then cp -r "$REPO/$folder" "$plain/$folder"; fi
done
sed -i 's/^  precompress: true/  precompress: false/' "$plain/content/_index.md"
for round in warmup $(seq 1 20); do
  run microsite-plain 6 "$round" "rm -rf '$micro'" "$BIN" build --root "$plain" --output "$micro"
done

python3 - "$RESULTS" <<'EOF'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]) if line.strip()]
def median(label, n, col):
    vals = [float(r[col]) for r in rows if r[0] == label and r[1] == n]
    return statistics.median(vals) if vals else None
sizes = sorted({r[1] for r in rows if r[0] == "gongjiang"}, key=int)
print(f"{'pages':>7} {'gongjiang':>10} {'Hugo':>8} {'cp -r':>7} {'g/Hugo':>7} {'g/cp':>6} {'RSS g':>8} {'RSS Hugo':>9} {'RSS g/Hugo':>10}")
for n in sizes:
    g, h, f = (median(t, n, 3) for t in ("gongjiang", "hugo", "floor"))
    rg = median("gongjiang", n, 4) / 1024
    if h is None:
        print(f"{n:>7} {g:>9.3f}s {'-':>8} {f:>6.3f}s {'-':>7} {g / f:>6.2f} {rg:>6.0f}MB {'-':>9} {'-':>10}")
        continue
    rh = median("hugo", n, 4) / 1024
    print(f"{n:>7} {g:>9.3f}s {h:>7.3f}s {f:>6.3f}s {g / h:>7.2f} {g / f:>6.2f} {rg:>6.0f}MB {rh:>7.0f}MB {rg / rh:>10.2f}")
for small, large in zip(sizes, sizes[1:]):
    ratio = median("gongjiang", large, 3) / median("gongjiang", small, 3)
    print(f"gongjiang {large} pages / {small} pages: {ratio:.1f}x the time for {int(large) // int(small)}x the pages")
for label, what in (("microsite", "search, precompressed copies"), ("microsite-plain", "search, no copies")):
    micro = median(label, "6", 3)
    if micro is not None:
        print(f"microsite ({what}): {micro * 1000:.1f} ms (median of 20 clean builds)")
EOF
