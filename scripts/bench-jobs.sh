#!/usr/bin/env bash
# Benchmark of `meshtop jobs`, run on purpose (never by the test suite): a 200,000-request job over
# two models against `meshtop serve --speed 100 --failure-rate 0.05`. Prints:
#   - the time to check and journal the 200,000-line file (until the job's id is printed), next to
#     the time `jq -c .` takes to read the same file (the reference, same run);
#   - from the stand-in's side (its list, sampled every second with a second key of the same owner):
#     the most live batches the owner ever held (must never pass 10) and the mean while chunks waited
#     (target: at least 9.0 of 10);
#   - the runner's peak RSS (VmHWM, target under 100 MB) and its CPU: the median of its per-second
#     CPU over the run (waiting on running batches, target under 1% of a core) and the mean;
#   - `jobs results --jsonl` for all 200,000 lines: the median of 3, next to sqlite3 reading the
#     same stored result texts (the reference), and that every input line has its result line.
# Needs: python3, jq, sqlite3. CONFIG=debug uses the debug build (default: release, built if
# needed); MESHTOP_BIN=path skips building. ITEMS=N changes the size (default 200000).
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-release}"
ITEMS="${ITEMS:-200000}"
if [[ -n "${MESHTOP_BIN:-}" ]]; then
  BIN="$MESHTOP_BIN"
else
  if [[ "$CONFIG" == release ]]; then swift build -c release --product meshtop >&2; fi
  BIN="$(swift build -c "$CONFIG" --show-bin-path)/meshtop"
fi

WORK="$(mktemp -d)"
KEY="rsk_benchjobsbenchjobsbenchj"
WATCH_KEY="rsk_benchwatchbenchwatchben"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"
SERVER_PID=""
RUNNER_PID=""
SAMPLER_PID=""
cleanup() {
  for pid in "$RUNNER_PID" "$SAMPLER_PID" "$SERVER_PID"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

printf '%s=bench\n%s=bench\n' "$KEY" "$WATCH_KEY" > "$WORK/keys"
"$BIN" serve --port "$PORT" --db "$WORK/standin.sqlite" --keys "$WORK/keys" --speed 100 --failure-rate 0.05 \
  2>"$WORK/serve.log" >/dev/null &
SERVER_PID=$!
for _ in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT))" 2>/dev/null && break; sleep 0.1; done

python3 - "$ITEMS" > "$WORK/input.jsonl" <<'PY'
import json, sys
models = ["openai/gpt-4o-mini", "openai/gpt-5-nano"]
for i in range(int(sys.argv[1])):
    print(json.dumps({"custom_id": f"req-{i}", "body": {"model": models[i % 2], "max_tokens": 64,
          "messages": [{"role": "user", "content": f"Summarise ticket {i} in one sentence."}]}}))
PY

export HOME="$WORK/home" XDG_STATE_HOME="$WORK/home/state" XDG_CONFIG_HOME="$WORK/home/config"
export MESH_API_KEY="$KEY" MESH_API_BASE_URL="http://127.0.0.1:$PORT"
mkdir -p "$HOME"

ref_start=$(date +%s.%N)
jq -c . "$WORK/input.jsonl" > /dev/null
ref_check=$(python3 -c "import time; print(f'{time.time() - $ref_start:.2f}')")

start=$(date +%s.%N)
"$BIN" jobs run "$WORK/input.jsonl" --name bench > "$WORK/runner.out" 2> "$WORK/runner.err" &
RUNNER_PID=$!
until [[ -s "$WORK/runner.out" ]]; do
  kill -0 "$RUNNER_PID" 2>/dev/null || { cat "$WORK/runner.err" >&2; exit 1; }
  sleep 0.02
done
check=$(python3 -c "import time; print(f'{time.time() - $start:.2f}')")
JOB=$(head -1 "$WORK/runner.out")

# The sampler: every second, the owner's live batches from the stand-in's list, and the runner's
# CPU ticks and peak RSS from /proc, until the runner exits.
python3 - "$PORT" "$WATCH_KEY" "$RUNNER_PID" > "$WORK/samples.txt" <<'PY' &
import json, os, sys, time, urllib.request
port, key, pid = sys.argv[1], sys.argv[2], sys.argv[3]
tick = os.sysconf("SC_CLK_TCK")
def live():
    count, after = 0, None
    while True:
        url = f"http://127.0.0.1:{port}/v1/batches?limit=100" + (f"&after={after}" if after else "")
        req = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
        page = json.load(urllib.request.urlopen(req, timeout=30))
        count += sum(1 for b in page["data"] if b["status"] not in ("completed", "failed", "expired", "cancelled"))
        if not page.get("has_more") or not page["data"]: return count
        after = page["data"][-1]["id"]
def cpu():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])
def hwm():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"): return int(line.split()[1])
    return 0
last_cpu, last_time = cpu(), time.time()
while True:
    time.sleep(1)
    try:
        c, h = cpu(), hwm()
    except OSError:
        break
    now = time.time()
    share = (c - last_cpu) / tick / (now - last_time)
    last_cpu, last_time = c, now
    print(live(), f"{share:.4f}", h, flush=True)
PY
SAMPLER_PID=$!
set +e
wait "$RUNNER_PID"
code=$?
set -e
RUNNER_PID=""
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
elapsed=$(python3 -c "import time; print(f'{time.time() - $start:.0f}')")

results_times=()
for _ in 1 2 3; do
  t0=$(date +%s.%N)
  "$BIN" jobs results "$JOB" --jsonl --out "$WORK/results.jsonl"
  results_times+=("$(python3 -c "import time; print(f'{time.time() - $t0:.2f}')")")
done
t0=$(date +%s.%N)
sqlite3 "$XDG_STATE_HOME/meshtop/jobs.sqlite" "SELECT result FROM item WHERE job_id = '$JOB' ORDER BY seq" > /dev/null
ref_results=$(python3 -c "import time; print(f'{time.time() - $t0:.2f}')")

python3 - "$WORK" "$ITEMS" "$check" "$ref_check" "$elapsed" "$code" "${results_times[@]}" "$ref_results" <<'PY'
import json, statistics, sys
work, items, check, ref_check, elapsed, code = sys.argv[1:7]
times, ref_results = sys.argv[7:10], sys.argv[10]
samples = [line.split() for line in open(f"{work}/samples.txt") if line.strip()]
live = [int(s[0]) for s in samples]
cpu = [float(s[1]) for s in samples]
peak_kb = max(int(s[2]) for s in samples) if samples else 0
ids = [json.loads(line)["custom_id"] for line in open(f"{work}/results.jsonl")]
expected = [f"req-{i}" for i in range(int(items))]
# "While chunks wait": from the first sample to the last one that saw 10 live (after it, only the
# last batches are left running and no chunk waits for a slot).
busy = live[: max((i for i, n in enumerate(live) if n >= 10), default=len(live) - 1) + 1]
print(f"items: {int(items):,} over 2 models; runner exit {code}; {elapsed} s in all")
print(f"check + journal the file: {check} s (reference: jq -c . reads it in {ref_check} s)")
print(f"owner's live batches (stand-in's list, every 1 s, {len(live)} samples): max {max(live)}, "
      f"mean {statistics.mean(busy):.2f} while chunks waited ({len(busy)} s), mean {statistics.mean(live):.2f} over the run")
print(f"runner peak RSS: {peak_kb / 1024:.1f} MB")
print(f"runner CPU: median {statistics.median(cpu) * 100:.2f}% of a core per second, mean {statistics.mean(cpu) * 100:.2f}%")
print(f"jobs results --jsonl ({len(ids):,} lines): median {statistics.median(map(float, times)):.2f} s of {', '.join(times)} "
      f"(reference: sqlite3 reads the stored texts in {ref_results} s)")
print("every input line has its result, in input order: " + ("yes" if ids == expected else "NO"))
PY
