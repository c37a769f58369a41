#!/usr/bin/env bash
# Remakes Linker/startup.order: the functions the dashboard runs from its start to its first frames
# and through its first polls, which the release link places together in one run of pages
# (DECISIONS.md, "The startup functions, together"). Run on purpose after large changes: a stale
# list is never wrong, only looser (a function it misses is placed where it would have been).
#   - runs the shipped build under callgrind (valgrind), against a local stand-in: `--once`, then
#     the live dashboard in tmux for its first frames, a few polls, the items and body views and help
#   - writes the functions that ran in meshtop's own image, as gold section names (.text.NAME), in
#     the order they lie in today's binary (so neighbours stay neighbours)
# Usage: scripts/make-startup-order.sh  (the shipped release build, made if needed; MESHTOP_BIN=path
#   to profile another build, which must be made with function sections for the names to match)
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=release
source scripts/lib/meshtop_binary.sh
source scripts/lib/bench_workspace.sh
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
# Valgrind cannot read the toolchain's DWARF 5; without it the text and the symbols are the same.
strip -g -o "$WORK/meshtop" "$BIN"
port=$(free_port)
base=http://127.0.0.1:$port
MESHTOP_SERVE_KEYS="$KEY=order" "$BIN" serve --memory --port "$port" --speed 50 --failure-rate 0.1 2>"$WORK/serve.log" &
server=$!
stop_at_exit server
for _ in $(seq 50); do curl -sf -o /dev/null -H "Authorization: Bearer $KEY" "$base/v1/batches?limit=1" && break; sleep 0.1; done
# 30 batches of 20 items in two projects: most finish (with failures), the last ten still run.
python3 - "$base" "$KEY" <<'PY'
import sys, time
sys.path.insert(0, "scripts/lib")
from standin_call import caller
call = caller(sys.argv[1], sys.argv[2])
made = 0
while made < 30:
    status, batch = call("POST", "/v1/batches", {"requests": [{"custom_id": f"b{made}-r{n}", "body": {
        "model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": f"hello {n}"}]}} for n in range(20)],
        "metadata": {"project": "alpha" if made % 2 else "beta"}})
    if status == 429: time.sleep(0.2); continue  # while 10 are active
    assert status == 200, batch
    made += 1
PY
export MESH_API_KEY=$KEY MESH_API_BASE_URL=$base HOME=$WORK XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config
grind=(valgrind --tool=callgrind --demangle=no --dump-instr=yes)
COLUMNS=120 LINES=40 "${grind[@]}" --callgrind-out-file="$WORK/once.out" "$WORK/meshtop" --once >/dev/null 2>"$WORK/once.err"
sock=$WORK/tmux.sock
tmux -S "$sock" new-session -d -s d -x 120 -y 40 \
  "${grind[*]} --callgrind-out-file=$WORK/live.out $WORK/meshtop --interval 2 2>$WORK/live.err"
shown() { for _ in $(seq 600); do tmux -S "$sock" capture-pane -p -t d | grep -q "$1" && return; sleep 0.1; done; echo "no '$1' on screen" >&2; exit 1; }
shown gpt-4o-mini
sleep 8  # a few polls
for keys in j j Enter; do tmux -S "$sock" send-keys -t d "$keys"; sleep 1; done
shown CUSTOM
tmux -S "$sock" send-keys -t d Enter; sleep 3
tmux -S "$sock" send-keys -t d Escape; sleep 1
tmux -S "$sock" send-keys -t d Escape; sleep 1
tmux -S "$sock" send-keys -t d '?'; sleep 2
tmux -S "$sock" send-keys -t d Escape; sleep 1
tmux -S "$sock" send-keys -t d q
# Callgrind writes its profile as the program exits, and the session ends with it.
for _ in $(seq 300); do tmux -S "$sock" has-session -t d 2>/dev/null || break; sleep 0.1; done
tmux -S "$sock" kill-server 2>/dev/null || true
[[ -s "$WORK/live.out" ]] || { echo "the live run wrote no profile" >&2; cat "$WORK/live.err" >&2; exit 1; }
nm --defined-only "$WORK/meshtop" > "$WORK/symbols.txt"
mkdir -p Linker
python3 - "$WORK/meshtop" "$WORK/symbols.txt" "$WORK/once.out" "$WORK/live.out" > Linker/startup.order <<'PY'
import re, sys
image, symbols, profiles = sys.argv[1], sys.argv[2], sys.argv[3:]
ran = set()
for path in profiles:
    objects, functions, current_object = {}, {}, None
    for line in open(path, errors="replace"):
        # Callgrind names each object and function once, "(id) name", and by "(id)" after that.
        key, _, value = line.rstrip("\n").partition("=")
        if key not in ("ob", "fn", "cob", "cfn"):
            continue
        match = re.match(r"\((\d+)\)(?: (.*))?", value)
        if not match:
            continue
        table = objects if key in ("ob", "cob") else functions
        if match.group(2):
            table[match.group(1)] = match.group(2)
        name = table.get(match.group(1))
        if key == "ob":
            current_object = name
        elif key == "fn" and current_object == image and name:
            ran.add(name)
addresses = {}
for line in open(symbols):
    fields = line.split()
    if len(fields) == 3 and fields[1] in "tTwW" and fields[2] in ran:
        addresses.setdefault(fields[2], int(fields[0], 16))
for name in sorted(addresses, key=addresses.get):
    print(f".text.{name}")
PY
echo "Linker/startup.order: $(wc -l < Linker/startup.order) functions" >&2
