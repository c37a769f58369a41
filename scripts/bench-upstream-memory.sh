#!/usr/bin/env bash
# Benchmark of `meshtop serve --upstream` with large answers, run on purpose (never by the tests).
# A stdlib Python upstream answers every POST with a chat.completion of ANSWER_MIB (31) MiB; a batch of
# ITEMS (4) items runs with --concurrency ITEMS, so all answers are in flight together. Prints serve's
# peak resident memory (VmHWM) and its resident memory at the end, over ROUNDS (3) fresh servers: the
# medians, next to the idle server's peak measured the same way (the reference: what serve costs
# without any answer). Needs python3 and curl.
# CONFIG=debug (default) or release picks the build; MESHTOP_BIN=path skips building.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-debug}"
source scripts/lib/meshtop_binary.sh
ANSWER_MIB="${ANSWER_MIB:-31}"
ITEMS="${ITEMS:-4}"
ROUNDS="${ROUNDS:-3}"
source scripts/lib/bench_workspace.sh
UP_PORT="$(free_port)"
UP_PID=""
SERVER_PID=""
stop_at_exit SERVER_PID UP_PID

cat > "$WORK/upstream.py" <<'PY'
import http.server, json, sys
size = int(sys.argv[2]) << 20
content = "x" * size
answer = json.dumps({"id": "chatcmpl-big", "object": "chat.completion", "created": 1, "model": "big",
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                  "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()
models = json.dumps({"object": "list", "data": [{"id": "big", "owned_by": "bench"}]}).encode()
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def reply(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self): self.reply(models)
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.reply(answer)
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
python3 "$WORK/upstream.py" "$UP_PORT" "$ANSWER_MIB" &
UP_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$UP_PORT/v1/models" && break; sleep 0.1; done

printf '%s=bench\n' "$KEY" > "$WORK/keys"
requests=$(python3 -c "import json,sys; print(json.dumps({'requests': [{'custom_id': f'big-{i}', 'body': {'model': 'big', 'messages': [{'role': 'user', 'content': 'hi'}]}} for i in range($ITEMS)]}))")
kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

round() {  # $1: "idle" or "batch"; prints "peak_kib end_kib"
  local port db
  port="$(free_port)"
  db="$WORK/bench-$RANDOM.sqlite"
  "$BIN" serve --port "$port" --db "$db" --keys "$WORK/keys" --upstream "http://127.0.0.1:$UP_PORT/v1" \
    --concurrency "$ITEMS" 2>"$WORK/serve.log" >/dev/null &
  SERVER_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  if [[ "$1" == batch ]]; then
    local id status
    id=$(curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$requests" \
      "http://127.0.0.1:$port/v1/batches" | tee "$WORK/create.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' || { cat "$WORK/create.json" "$WORK/serve.log" >&2; exit 1; })
    for _ in $(seq 1200); do
      status=$(curl -s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$port/v1/batches?limit=1" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["status"])')
      [[ "$status" == completed || "$status" == failed || "$status" == expired ]] && break
      sleep 0.25
    done
    [[ "$status" == completed ]] || { echo "batch ended $status" >&2; exit 1; }
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  echo "$(kib "$SERVER_PID" VmHWM) $(kib "$SERVER_PID" VmRSS)"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

idle_peaks=(); batch_peaks=(); batch_ends=()
for _ in $(seq "$ROUNDS"); do
  read -r peak _ < <(round idle); idle_peaks+=("$peak")
  read -r peak end < <(round batch); batch_peaks+=("$peak"); batch_ends+=("$end")
done
idle=$(printf '%s\n' "${idle_peaks[@]}" | median)
peak=$(printf '%s\n' "${batch_peaks[@]}" | median)
end=$(printf '%s\n' "${batch_ends[@]}" | median)
echo "binary: $BIN"
echo "$ITEMS answers of $ANSWER_MIB MiB, $ROUNDS rounds (medians):"
echo "  idle serve, peak RSS (reference):     $((idle / 1024)) MiB"
echo "  batch, peak RSS (VmHWM):             $((peak / 1024)) MiB  ($(( (peak - idle) / 1024 )) MiB over idle, $(( (peak - idle) / 1024 / (ANSWER_MIB * ITEMS) )).$(( ((peak - idle) * 10 / 1024 / (ANSWER_MIB * ITEMS)) % 10 ))x the answers' bytes)"
echo "  batch, RSS at the end:               $((end / 1024)) MiB"
