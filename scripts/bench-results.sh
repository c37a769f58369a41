#!/usr/bin/env bash
# `meshtop batches results` figures, run on purpose (not a test). Prints medians of 5 runs, each next
# to its reference measured in the same run on the same batch:
#   - `results --jsonl` of a 50,000-result batch vs `curl | jq -c '.results[]'` (wall time, peak RSS)
#   - the same for a 5,000-result batch (memory should not follow the number of results)
#   - the human table into a file (no terminal) and `get --json` vs `curl` into a file
# Usage: scripts/bench-results.sh  (MESHTOP_BIN=path to use another binary, e.g. .build/release/meshtop)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${MESHTOP_BIN:-.build/debug/meshtop}
[ -x "$bin" ] || swift build
key=rsk_benchbenchbenchbenchbenchb
port=$((20000 + RANDOM % 9000))
base=http://127.0.0.1:$port
work=$(mktemp -d)
cleanup() { kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

MESHTOP_SERVE_KEYS="$key=bench" "$bin" serve --memory --port "$port" --speed 2000 --failure-rate 0.02 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do curl -sf -o /dev/null -H "Authorization: Bearer $key" "$base/v1/batches?limit=1" && break; sleep 0.1; done

create() { # $1 = number of requests; prints the batch id once it has completed
  python3 - "$1" > "$work/body.json" <<'PY'
import json, sys
n = int(sys.argv[1])
print(json.dumps({"requests": [{"custom_id": f"r{i}", "body": {"model": "openai/gpt-4o-mini",
  "messages": [{"role": "user", "content": f"hello {i}"}]}} for i in range(n)]}))
PY
  id=$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary @"$work/body.json" "$base/v1/batches" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  for _ in $(seq 600); do
    st=$(curl -sf -H "Authorization: Bearer $key" "$base/v1/batches?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["status"])')
    [ "$st" = completed ] && break; sleep 1
  done
  echo "$id"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Runs "$@" 5 times; prints "median-ms median-peak-MB".
measure() {
  local times=() rss=()
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N)
    /usr/bin/time -f %M -o "$work/rss" bash -c "$1" >/dev/null
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 ))); rss+=($(cat "$work/rss"))
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | median)" \
    "$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.1f", $1/1024}')"
}
export MESH_API_KEY=$key MESH_API_BASE_URL=$base HOME=$work XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
for n in 5000 50000; do
  echo "creating a $n-request batch and waiting for it to finish..." >&2
  id=$(create "$n")
  read -r cms crss < <(measure "curl -sf -H 'Authorization: Bearer $key' '$base/v1/batches/$id' | jq -c '.results[]' > $work/jq.out")
  read -r mms mrss < <(measure "'$bin' batches results '$id' --jsonl > $work/mt.out")
  echo "results --jsonl of $n: meshtop ${mms} ms (peak ${mrss} MB) vs curl | jq -c '.results[]' ${cms} ms (jq's peak ${crss} MB); $(wc -l < "$work/mt.out") lines each: $(wc -l < "$work/jq.out")"
  read -r tms trss < <(measure "'$bin' batches results '$id' > $work/table.out")
  echo "results table of $n into a file: ${tms} ms (peak ${trss} MB), $(wc -c < "$work/table.out") bytes"
  read -r gms grss < <(measure "'$bin' batches get '$id' --json > $work/get.out")
  read -r rms rrss < <(measure "curl -sf -H 'Authorization: Bearer $key' '$base/v1/batches/$id' > $work/curl.out")
  echo "get --json of $n into a file: meshtop ${gms} ms (peak ${grss} MB) vs curl ${rms} ms; bytes $(wc -c < "$work/get.out") vs the server's $(wc -c < "$work/curl.out")"
done
