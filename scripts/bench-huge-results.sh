#!/usr/bin/env bash
# The dashboard's memory with huge results (issue 15), run on purpose (not a test): a server of two
# finished batches (scripts/huge-results-server.py: 200 results of 10 MiB messages, and one 1 GiB
# message), the dashboard in tmux opening each, its peak RSS (VmHWM) after each step; then a second
# dashboard told `q` while the 1 GiB answer is still arriving, and how long it took to be gone.
# Usage: scripts/bench-huge-results.sh  (MESHTOP_BIN=path to use another binary; HUGE_MANY=200,
# HUGE_MANY_MIB=10, HUGE_GIANT_MIB=1024 the sizes; a debug build reads about 2-20 MB/s, so smaller
# sizes there; WAIT=600 seconds at most for each batch to load)
set -euo pipefail
cd "$(dirname "$0")/.."
export HUGE_MANY=${HUGE_MANY:-200} HUGE_MANY_MIB=${HUGE_MANY_MIB:-10} HUGE_GIANT_MIB=${HUGE_GIANT_MIB:-1024}
limit=${WAIT:-600}
bin=${MESHTOP_BIN:-.build/debug/meshtop}
port=$((20000 + RANDOM % 9000))
work=$(mktemp -d)
sock=$work/tmux.sock
cleanup() { tmux -S "$sock" kill-server 2>/dev/null || true; kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
python3 scripts/huge-results-server.py "$port" &
server=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/v1/batches" && break; sleep 0.1; done
export MESH_API_KEY=rsk_hugehugehugehugehugehugehuge MESH_API_BASE_URL=http://127.0.0.1:$port HOME=$work \
  XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
wait_for() { # $1 = session, $2 = text, $3 = seconds
  for _ in $(seq $(($3 * 10))); do tmux -S "$sock" capture-pane -p -t "$1" | grep -qF -- "$2" && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1:" >&2; tmux -S "$sock" capture-pane -p -t "$1" >&2; return 1
}
hwm() { awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$1/status"; }

tmux -S "$sock" new-session -d -s m -x 120 -y 40 "$bin --interval 2"
mpid=$(tmux -S "$sock" display -p -t m '#{pane_pid}')
wait_for m batch_many 20
echo "peak RSS with the list shown: $(hwm "$mpid")"
tmux -S "$sock" send-keys -t m Down Enter
wait_for m batch_many-0 "$limit"
echo "peak RSS after opening $HUGE_MANY results of $HUGE_MANY_MIB MiB messages: $(hwm "$mpid")"
tmux -S "$sock" send-keys -t m Escape Up Enter
wait_for m batch_giant-0 "$limit"
echo "peak RSS after opening one result of a $HUGE_GIANT_MIB MiB message: $(hwm "$mpid")"
tmux -S "$sock" send-keys -t m Enter
wait_for m "lines 1-" "$limit"
echo "peak RSS after opening its body: $(hwm "$mpid") ($(tmux -S "$sock" capture-pane -p -t m | grep -o 'lines 1-[0-9]* of [0-9]*'))"
# Its end: the cut text says where it was cut and how long it was.
tmux -S "$sock" send-keys -t m End
wait_for m "exports it whole]" 60 || true
tmux -S "$sock" capture-pane -p -t m | grep -B1 "exports it whole]" | cut -c1-120 >&2 || true
tmux -S "$sock" send-keys -t m q

# q while the big answer is arriving, in a fresh dashboard.
tmux -S "$sock" new-session -d -s q -x 120 -y 40 "$bin --interval 2; sleep 600"
wait_for q batch_giant 20
qpid=$(pgrep -n -f "^$bin --interval 2$")
tmux -S "$sock" send-keys -t q Enter
wait_for q "loading results…" 20
sleep 1
s=$(date +%s%N)
tmux -S "$sock" send-keys -t q q
for _ in $(seq 100); do kill -0 "$qpid" 2>/dev/null || break; sleep 0.02; done
e=$(date +%s%N)
if kill -0 "$qpid" 2>/dev/null; then echo "q while loading: still running after 2 s"; exit 1; fi
echo "q while the $HUGE_GIANT_MIB MiB result was loading: gone in $(( (e - s) / 1000000 )) ms (peak RSS meanwhile not read: the process is gone)"
