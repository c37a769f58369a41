#!/usr/bin/env bash
# Dashboard figures, run on purpose (not a test). Prints medians; htop is measured in the same run
# as the reference for idle CPU.
#   - start to the first frame with data (`meshtop --once`, which exits after that frame), 7 runs,
#     and the live dashboard's first frame with data in a pseudo-terminal (scripts/lib/first_frame.py,
#     9 runs: it draws once the list's first page is in, --once after the whole walk), beside the
#     floor: `meshtop --version`, the list's 10-page walk in one curl process, and its first page
#     alone; peak RSS of `--once` beside `--version`'s (medians of 7)
#   - idle CPU over 60 s: meshtop polling a stand-in with 1,000 batches every 2 s, vs `htop -d 20`
#   - peak RSS with 1,000 batches and one open batch of 50,000 results
# Usage: scripts/bench-dashboard.sh  (the shipped release build, made if needed; MESHTOP_BIN=path to use
#   another binary, CONFIG=debug for a debug build; IDLE_SECONDS=60)
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-release}"
source scripts/lib/meshtop_binary.sh
idle=${IDLE_SECONDS:-60}
command -v htop >/dev/null || { apt-get update -qq && apt-get install -y -qq htop >/dev/null; }
key=rsk_benchbenchbenchbenchbenchb
port=$((20000 + RANDOM % 9000))
base=http://127.0.0.1:$port
work=$(mktemp -d)
# Every figure is of a copy, as an installed binary is: how much of the executable a process has
# resident depends on how the page cache holds the file (the kernel maps a whole cached folio at a
# fault), and a file the linker wrote sits there in 4 KB pages, one cp wrote in large folios (about
# 2 MB more RSS for the same binary; DECISIONS.md, "The startup functions, together").
cp "$BIN" "$work/meshtop"
bin=$work/meshtop
sock=$work/tmux.sock
cleanup() { tmux -S "$sock" kill-server 2>/dev/null || true; kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

MESHTOP_SERVE_KEYS="$key=bench" "$bin" serve --memory --port "$port" --speed 2000 --failure-rate 0.02 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do curl -sf -o /dev/null -H "Authorization: Bearer $key" "$base/v1/batches?limit=1" && break; sleep 0.1; done

create() { # $1 = number of requests
  python3 - "$1" > "$work/body.json" <<'PY'
import json, sys
n = int(sys.argv[1])
print(json.dumps({"requests": [{"custom_id": f"r{i}", "body": {"model": "openai/gpt-4o-mini",
  "messages": [{"role": "user", "content": f"hello {i}"}]}} for i in range(n)], "metadata": {"project": "bench"}}))
PY
  until curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      --data-binary @"$work/body.json" "$base/v1/batches"; do sleep 0.05; done  # 429 while 10 are active
}
echo "seeding 1,000 batches..." >&2
create 2
for _ in $(seq 999); do curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  --data-binary @"$work/body.json" "$base/v1/batches" || { sleep 0.05; curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary @"$work/body.json" "$base/v1/batches" || true; }; done
sleep 2
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# The median wall time in ms of 7 runs of a command (its stdout dropped).
median_ms() {
  for _ in $(seq 7); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  done | median
}

export MESH_API_KEY=$key MESH_API_BASE_URL=$base HOME=$work XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
first=$(COLUMNS=120 LINES=40 median_ms "$bin" --once)
echo "start to first frame with data (--once, 1,000 batches, the whole list walked): median ${first} ms"
# The live dashboard in a pseudo-terminal: it draws as soon as the list's first page is in.
read -r live_data live_first < <(python3 scripts/lib/first_frame.py "$bin" gpt-4o-mini 9)
echo "live dashboard (120x40 pty): first frame with data median ${live_data} ms, first byte drawn median ${live_first} ms"
# The floor, in the same run: the binary starting and exiting, and the whole walk of the list (the
# ten pages of 100, cursors known in advance) in one curl process on one connection.
version=$(median_ms "$bin" --version)
urls=$(python3 - "$base" "$key" <<'PY'
import json, sys, urllib.request
base, key = sys.argv[1], sys.argv[2]
after, urls = None, []
while True:
    url = f"{base}/v1/batches?limit=100" + (f"&after={after}" if after else "")
    urls.append(url)
    page = json.load(urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})))
    if not page["has_more"]: break
    after = page["last_id"]
print(" ".join(urls))
PY
)
# shellcheck disable=SC2086 # $urls is the ten URLs, one word each
walk=$(median_ms curl -sf -H "Authorization: Bearer $key" $urls)
first_page=$(median_ms curl -sf -H "Authorization: Bearer $key" "${urls%% *}")
echo "floor: meshtop --version median ${version} ms; the $(echo $urls | wc -w)-page walk in one curl process median ${walk} ms; its first page alone median ${first_page} ms"
# The median peak RSS of 7 runs of a command.
peak() {
  for _ in $(seq 7); do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; done | median | awk '{printf "%.1f MB", $1/1024}'
}
echo "peak RSS: meshtop --once (1,000 batches) $(COLUMNS=120 LINES=40 peak "$bin" --once), meshtop --version $(peak "$bin" --version)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tmux -S "$sock" new-session -d -s m -x 200 -y 60 "$bin --interval 2"
tmux -S "$sock" new-session -d -s h -x 200 -y 60 "htop -d 20"
sleep 5
mpid=$(pgrep -n -f "$bin --interval 2"); hpid=$(pgrep -n -x htop)
m0=$(cpu_ticks "$mpid"); h0=$(cpu_ticks "$hpid"); sleep "$idle"; m1=$(cpu_ticks "$mpid"); h1=$(cpu_ticks "$hpid")
hz=$(getconf CLK_TCK)
awk -v m=$((m1 - m0)) -v h=$((h1 - h0)) -v s="$idle" -v hz="$hz" 'BEGIN {
  printf "idle CPU over %d s: meshtop (1,000 batches, polling every 2 s) %.2f%%, htop -d 20 %.2f%%\n", s, 100*m/hz/s, 100*h/hz/s }'

echo "creating a 50,000-request batch and waiting for it to finish..." >&2
create 50000
for _ in $(seq 600); do
  st=$(curl -sf -H "Authorization: Bearer $key" "$base/v1/batches?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["status"])')
  [ "$st" = completed ] && break; sleep 1
done
sleep 3
echo "RSS of meshtop with 1,000 batches before opening it: $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$mpid/status)"
s=$(date +%s%N)
tmux -S "$sock" send-keys -t m g Enter
# The items view's title counts the outcomes once all 50,000 results are in.
for _ in $(seq 1200); do tmux -S "$sock" capture-pane -p -t m | grep -q 'succeeded, ' && break; sleep 0.1; done
e=$(date +%s%N)
echo "opening the 50,000-result batch (GET, spool, summaries) took $(( (e - s) / 1000000 )) ms"
sleep 2
echo "peak RSS of meshtop with 1,000 batches and the 50,000-result batch open: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/$mpid/status)"
tmux -S "$sock" send-keys -t m Enter
sleep 1
# The first item's body, read back from the spool, as proof the view works and not just loads.
tmux -S "$sock" capture-pane -p -t m | sed -n 1,8p >&2
