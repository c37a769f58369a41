#!/usr/bin/env bash
# Benchmark of `meshtop serve`, run on purpose (never by the test suite). Prints:
#   - time to accept a 50,000-request batch, and to GET it back with its 50,000 results (medians of 3);
#   - wrk -t2 -c32 -d10s on GET /v1/batches?limit=100 with 1,000 stored batches, in turns with nginx
#     serving a static copy of the very same response body (the ceiling), ROUNDS (3) of each: the
#     medians and their ratio;
#   - the server's resident memory after the big accepts, and its peak RSS (VmHWM).
# Needs: wrk, nginx, curl, python3 (apt-get install -y wrk nginx curl python3); PROFILE=1 adds a perf
# profile of the list load (linux-perf).
# CONFIG=debug uses the debug build (default: release, built if needed); MESHTOP_BIN=path skips building.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-release}"
source scripts/lib/meshtop_binary.sh

source scripts/lib/bench_workspace.sh
PORT="$(free_port)"
NGINX_PORT="$(free_port)"
SERVER_PID=""
NGINX_PID=""
stop_at_exit SERVER_PID NGINX_PID

# Fast simulated time, so the 1,000 seeded batches reach a terminal state and free their slots.
printf '%s=bench\n' "$KEY" > "$WORK/keys"
"$BIN" serve --port "$PORT" --db "$WORK/bench.sqlite" --keys "$WORK/keys" --speed 1000 --failure-rate 0.02 \
  2>"$WORK/serve.log" >/dev/null &
SERVER_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"

echo "== meshtop serve ($CONFIG build), pid $SERVER_PID"

# 1. Accepting a 50,000-request batch.
python3 - "$WORK/big.json" <<'PY'
import json, sys
requests = [{"custom_id": f"req-{i:05}", "method": "POST", "url": "/v1/chat/completions",
             "body": {"model": "openai/gpt-4o-mini", "max_tokens": 200,
                      "messages": [{"role": "system", "content": "You are a concise analyst."},
                                   {"role": "user", "content": f"Summarise filing number {i} in two sentences."}]}}
            for i in range(50_000)]
json.dump({"requests": requests, "completion_window": "24h", "metadata": {"bench": "50k"}}, open(sys.argv[1], "w"))
PY
SIZE=$(stat -c %s "$WORK/big.json")
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ACCEPTS=""
for _ in 1 2 3; do
  RESULT=$(curl -s -o "$WORK/big.out" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' --data-binary @"$WORK/big.json" "$BASE/v1/batches")
  [[ "${RESULT% *}" == 200 ]] || { echo "create failed: $RESULT $(head -c 300 "$WORK/big.out")"; exit 1; }
  ACCEPTS+="${RESULT#* }"$'\n'
  BIG_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/big.out")
  curl -s -o /dev/null -H "Authorization: Bearer $KEY" -X POST "$BASE/v1/batches/$BIG_ID/cancel"
done
echo "accept 50,000-request batch ($((SIZE / 1024 / 1024)) MiB, curl with Expect: 100-continue): median $(echo -n "$ACCEPTS" | median) s of 3"
echo "resident after the three accepts: $(awk '/VmRSS/ {print $2, $3}' /proc/$SERVER_PID/status) (peak so far $(awk '/VmHWM/ {print $2, $3}' /proc/$SERVER_PID/status))"

# The last one, cancelled, answers with 50,000 results (those that ran and the batch_cancelled rest).
for _ in $(seq 100); do
  STATUS=$(curl -s -H "Authorization: Bearer $KEY" "$BASE/v1/batches?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["status"])')
  [[ "$STATUS" == cancelled ]] && break
  sleep 0.1
done
GETS=""
for _ in 1 2 3; do
  GETS+=$(curl -s -o "$WORK/big.get" -w '%{time_total}' -H "Authorization: Bearer $KEY" "$BASE/v1/batches/$BIG_ID")$'\n'
done
echo "GET of that batch with its 50,000 results ($(( $(stat -c %s "$WORK/big.get") / 1024 / 1024 )) MiB): median $(echo -n "$GETS" | median) s of 3"

# 2. Seed 1,000 batches (create, then cancel at once so each ends and frees its slot).
python3 - "$BASE" "$KEY" <<'PY'
import json, sys, time
base, key = sys.argv[1], sys.argv[2]
sys.path.insert(0, "scripts/lib")
from standin_call import caller
call = caller(base, key)
made = 0
while made < 1000:
    status, batch = call("POST", "/v1/batches", {"requests": [{"custom_id": f"b{made}-{i}", "body": {"model": "openai/gpt-5-nano",
        "messages": [{"role": "user", "content": "hello"}]}} for i in range(3)], "metadata": {"seq": str(made)}})
    if status == 429: time.sleep(0.01); continue
    assert status == 200, batch
    call("POST", f"/v1/batches/{batch['id']}/cancel")
    made += 1
PY
sleep 1
curl -s -H "Authorization: Bearer $KEY" "$BASE/v1/batches?limit=100" -o "$WORK/page.json"
echo "stored: 1,001 batches; GET /v1/batches?limit=100 body: $(stat -c %s "$WORK/page.json") bytes"

# 3. wrk against the stand-in and against nginx serving the same body, in turns (ROUNDS of each,
#    10 s apiece), so that a noisy neighbour on this shared machine weighs on both alike; then the
#    medians and the ratio of the medians.
ROUNDS="${ROUNDS:-3}"
wrk_run() { wrk -t2 -c32 -d10s --latency "$@"; }
summarise() {  # req/s, median, p99 from wrk's output
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%s req/s, median %s, p99 %s\n", rps, p50, p99}'
}
rps() { awk '/Requests\/sec/ {print $2}'; }
# The stand-in's CPU time so far (user and system, in clock ticks), to say what a request costs it.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
requests_done() { awk '/requests in/ {print $1}'; }

mkdir -p "$WORK/www/v1" "$WORK/nginx"
cp "$WORK/page.json" "$WORK/www/v1/batches"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { root $WORK/www; default_type application/json; }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/v1/batches" && break; sleep 0.1; done

STANDIN_RPS=""
NGINX_RPS=""
for round in $(seq "$ROUNDS"); do
  if [[ -n "${PROFILE:-}" && "$round" == 1 ]]; then
    # PROFILE=1: where the stand-in's time goes under that load (perf, call graphs), in the first round.
    perf record -q -g -o "$WORK/perf.data" -p "$SERVER_PID" -- sleep 8 2>/dev/null &
    PERF_PID=$!
  fi
  TICKS_BEFORE=$(cpu_ticks)
  STANDIN=$(wrk_run -H "Authorization: Bearer $KEY" "$BASE/v1/batches?limit=100")
  TICKS_AFTER=$(cpu_ticks)
  if [[ -n "${PROFILE:-}" && "$round" == 1 ]]; then
    wait "$PERF_PID" || true
    echo "== perf: top symbols in the stand-in during the list load"
    perf report -q -i "$WORK/perf.data" ${PERF_REPORT_OPTIONS:---no-children --sort dso,symbol} --stdio 2>/dev/null | grep -v '^$' | grep '%' | head -40 || true
    if [[ -n "${PERF_KEEP:-}" ]]; then cp "$WORK/perf.data" "$PERF_KEEP"; fi
  fi
  NGINX=$(wrk_run "http://127.0.0.1:$NGINX_PORT/v1/batches?limit=100")
  echo "round $round: stand-in $(echo "$STANDIN" | summarise); nginx static $(echo "$NGINX" | summarise)"
  echo "  the stand-in's CPU: $(( (TICKS_AFTER - TICKS_BEFORE) * 1000000 / $(getconf CLK_TCK) / $(echo "$STANDIN" | requests_done) )) µs a request ($(( (TICKS_AFTER - TICKS_BEFORE) * 100 / $(getconf CLK_TCK) / 10 ))% of one core)"
  STANDIN_RPS+="$(echo "$STANDIN" | rps) "
  NGINX_RPS+="$(echo "$NGINX" | rps) "
done
python3 - "$STANDIN_RPS" "$NGINX_RPS" <<'PY'
import statistics, sys
standin = [float(v) for v in sys.argv[1].split()]
nginx = [float(v) for v in sys.argv[2].split()]
a, b = statistics.median(standin), statistics.median(nginx)
rounds = ", ".join(f"{s / n:.3f}" for s, n in zip(standin, nginx))
print(f"median of {len(standin)} rounds: stand-in {a:,.0f} req/s, nginx static {b:,.0f} req/s")
print(f"ratio stand-in / nginx: {a / b:.3f} ({b / a:.1f}x slower than static); per round: {rounds}")
PY

echo "peak RSS of the stand-in: $(awk '/VmHWM/ {print $2, $3}' /proc/$SERVER_PID/status)"
