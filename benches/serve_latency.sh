#!/usr/bin/env bash
# Time from saving a file to the live-reload event, with `gongjiang serve` (release build).
#
#   benches/serve_latency.sh SITE_ROOT PAGE [ROUNDS]
#   benches/serve_latency.sh . content/skills.md 20                # the microsite
#   benches/serve_latency.sh /dev/shm/site content/news/page-00000.md 10   # a converted corpus
#
# The site is copied to a scratch folder (tmpfs when there is one) and served on a free port of
# 127.0.0.1. Each round appends a line to PAGE's body, then waits for the `reload` event on the
# event stream (curl) and checks the page now shows the new line. Prints each round and the
# median/min/max in ms, and the server's own "Rebuilt ..." lines (its rebuild time).
set -euo pipefail
site=${1:?site root}; page=${2:?page, relative to the site root}; rounds=${3:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/target/release/gongjiang"
[ -x "$bin" ] || (cd "$here" && cargo build --release --quiet)
scratch=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )/gongjiang-latency.XXXXXX")
server=; events=
cleanup() {
  [ -n "$events" ] && kill "$events" 2>/dev/null || true
  [ -n "$server" ] && kill -INT "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$scratch" "$scratch.log" "$scratch.stamps"
}
trap cleanup EXIT
for folder in content templates static; do
  [ -d "$site/$folder" ] && cp -r "$site/$folder" "$scratch/$folder"
done
"$bin" serve --root "$scratch" --port 0 > "$scratch.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q '^Serving ' "$scratch.log" 2>/dev/null && break; sleep 0.2; done
url=$(sed -n 's/^Serving \([^ ]*\).*/\1/p' "$scratch.log" | head -1)
[ -n "$url" ] || { cat "$scratch.log"; exit 1; }
origin=${url%%/}; origin=$(echo "$url" | sed -E 's#^(http://[^/]+)/.*#\1#')
path=${page#content/}; path=${path%.md}/
path=${url#"$origin"}$path
echo "serving $url ($(grep -m1 '^Built' "$scratch.log"))"
stamps="$scratch.stamps"
: > "$stamps"
curl -sN "$origin/__gongjiang/events" | while IFS= read -r line; do
  [ "$line" = "event: reload" ] && date +%s%N >> "$stamps"
done &
events=$!
sleep 0.5
results=()
for round in $(seq "$rounds"); do
  before=$(wc -l < "$stamps")
  start=$(date +%s%N)
  printf '\nLATENCY-%s\n' "$round" >> "$scratch/$page"
  for _ in $(seq 500); do [ "$(wc -l < "$stamps")" -gt "$before" ] && break; sleep 0.01; done
  [ "$(wc -l < "$stamps")" -gt "$before" ] || { echo "round $round: no reload event"; exit 1; }
  end=$(sed -n "$((before + 1))p" "$stamps")
  curl -s "$origin$path" | grep -q "LATENCY-$round" || { echo "round $round: page not updated"; exit 1; }
  ms=$(( (end - start) / 1000000 ))
  results+=("$ms")
  echo "round $round: reload event after $ms ms"
  sleep 0.3
done
sorted=($(printf '%s\n' "${results[@]}" | sort -n))
echo "save -> reload event: median ${sorted[$(( ${#sorted[@]} / 2 ))]} ms, min ${sorted[0]} ms, max ${sorted[-1]} ms over $rounds rounds"
echo "server: $(grep '^Rebuilt' "$scratch.log" | sed 's/.* in //' | tr '\n' ' ')"

