#!/usr/bin/env bash
# Benchmark of `meshtop jobs`, run on purpose (never by the test suite): a 200,000-request job over
# two models against `meshtop serve --speed 100 --failure-rate 0.05`. Prints:
#   - the time to check and journal the 200,000-line file (until the job's id is printed), next to
#     the time `jq -c .` takes to read the same file (the reference, same run; see below);
#   - from the stand-in's side (its list, sampled every second with a second key of the same owner):
#     the most live batches the owner ever held (must never pass 10) and the mean while chunks waited
#     (target: at least 9.0 of 10);
#   - the runner's peak RSS (VmHWM, target under 100 MB) and its CPU: the median of its per-second
#     CPU over the run (waiting on running batches, target under 1% of a core) and the mean;
#   - `jobs results --jsonl` for all 200,000 lines, next to sqlite3 reading the same stored result
#     texts (the reference; see below), and that every input line has its result line.
# The two figures that scale with the file are medians of RUNS (default 5) runs, wall time and the
# process's CPU time (user + system; a machine shared with other work inflates wall time far more),
# each beside its reference timed the same way in the same run: the check (`jobs run` until it
# prints the job's id, each run into a fresh journal and against a port nothing listens on, so
# nothing is sent; then Ctrl-C) beside `jq -c .` reading the file; `jobs results --jsonl` beside
# sqlite3 dumping the stored texts, with the peak RSS of both and of `jobs list` (memory flat).
# MODE=io times only those two: the results of the journal JOURNAL=path (job JOB=id, default its
# newest) when given, else of a job first run to its end against the stand-in without sampling.
# Needs: python3, jq, sqlite3. CONFIG=debug uses the debug build (default: release, built if
# needed); MESHTOP_BIN=path skips building. ITEMS=N changes the size (default 200000).
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-release}"
ITEMS="${ITEMS:-200000}"
RUNS="${RUNS:-5}"
MODE="${MODE:-full}"
source scripts/lib/meshtop_binary.sh

WORK="$(mktemp -d)"
KEY="rsk_benchjobsbenchjobsbenchj"
WATCH_KEY="rsk_benchwatchbenchwatchben"
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

# timed.py: runs a command RUNS times and prints "median-wall median-cpu max-peak-MB" (CPU and peak
# RSS from the child's rusage). With --until-stdout, each run stops at the first byte on stdout
# (the job's id): CPU is read from /proc then, the command gets SIGINT, and a fresh state folder is
# made for every run (XDG_STATE_HOME=$STATE_ROOT/N).
cat > "$WORK/timed.py" <<'PY'
import os, signal, statistics, subprocess, sys, time
args = sys.argv[1:]
until_stdout = args[0] == "--until-stdout"
if until_stdout: args = args[1:]
runs, out, cmd = int(args[0]), args[1], args[2:]
walls, cpus, peaks = [], [], []
tick = os.sysconf("SC_CLK_TCK")
for n in range(runs):
    env = dict(os.environ)
    if until_stdout: env["XDG_STATE_HOME"] = f"{os.environ['STATE_ROOT']}/{n}"
    with open(out, "wb") as sink:
        start = time.time()
        child = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        if until_stdout:
            while os.path.getsize(out) == 0:
                if child.poll() is not None: sys.exit(f"{cmd[0]} ended before printing a job id")
                time.sleep(0.005)
            walls.append(time.time() - start)
            fields = open(f"/proc/{child.pid}/stat").read().rsplit(")", 1)[1].split()
            cpus.append((int(fields[11]) + int(fields[12])) / tick)
            # Ctrl-C stops the runner; one that does not end within 30 s is killed (never a hang).
            child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            continue
        else:
            _, status, usage = os.wait4(child.pid, 0)
            walls.append(time.time() - start)
            cpus.append(usage.ru_utime + usage.ru_stime)
            if status != 0: sys.exit(f"{cmd[0]} failed")
        peaks.append(usage.ru_maxrss / 1024)
print(f"{statistics.median(walls):.2f} {statistics.median(cpus):.2f} {max(peaks, default=0):.1f}")
PY
timed() { python3 "$WORK/timed.py" "$@"; }

export HOME="$WORK/home" XDG_STATE_HOME="$WORK/home/state" XDG_CONFIG_HOME="$WORK/home/config"
export MESH_API_KEY="$KEY" MESH_API_BASE_URL="http://127.0.0.1:$PORT"
mkdir -p "$HOME"

# The check: RUNS runs of `jobs run` into fresh journals, against a port nothing listens on.
read -r ref_check_wall ref_check_cpu _ < <(timed "$RUNS" /dev/null jq -c . "$WORK/input.jsonl")
read -r check_wall check_cpu _ < <(STATE_ROOT="$WORK/check" MESH_API_BASE_URL="http://127.0.0.1:$(free_port)" \
  timed --until-stdout "$RUNS" "$WORK/check.out" "$BIN" jobs run "$WORK/input.jsonl" --name bench)
rm -rf "$WORK/check"
check_line="check + journal the file (until the job's id), median of $RUNS: $check_wall s wall, $check_cpu s CPU (reference: jq -c . reads it in $ref_check_wall s wall, $ref_check_cpu s CPU)"

# The results of a finished job: its journal's rows, dumped RUNS times by meshtop and by sqlite3.
results_figures() { # $1 = journal path, $2 = job id; prints two lines of figures
  local journal="$1" job="$2" state lines
  state="$(dirname "$(dirname "$journal")")"
  read -r res_wall res_cpu res_peak < <(XDG_STATE_HOME="$state" \
    timed "$RUNS" /dev/null "$BIN" jobs results "$job" --jsonl --out "$WORK/results.jsonl")
  read -r ref_wall ref_cpu ref_peak < <(timed "$RUNS" /dev/null sqlite3 "$journal" \
    "SELECT result FROM item WHERE job_key = (SELECT job_key FROM job WHERE id = '$job') ORDER BY seq")
  read -r _ _ list_peak < <(XDG_STATE_HOME="$state" timed 1 /dev/null "$BIN" jobs list)
  lines=$(wc -l < "$WORK/results.jsonl")
  echo "jobs results --jsonl ($lines lines), median of $RUNS: $res_wall s wall, $res_cpu s CPU, peak RSS $res_peak MB (reference: sqlite3 dumps the stored texts in $ref_wall s wall, $ref_cpu s CPU, peak RSS $ref_peak MB)"
  echo "peak RSS of jobs list on the same journal (what any jobs command holds): $list_peak MB"
}

if [[ "$MODE" == io && -n "${JOURNAL:-}" ]]; then
  JOB="${JOB:-$(sqlite3 "$JOURNAL" "SELECT id FROM job ORDER BY created_at DESC LIMIT 1")}"
  echo "$check_line"
  results_figures "$JOURNAL" "$JOB"
  exit 0
fi

start=$(date +%s.%N)
"$BIN" jobs run "$WORK/input.jsonl" --name bench > "$WORK/runner.out" 2> "$WORK/runner.err" &
RUNNER_PID=$!
until [[ -s "$WORK/runner.out" ]]; do
  kill -0 "$RUNNER_PID" 2>/dev/null || { cat "$WORK/runner.err" >&2; exit 1; }
  sleep 0.02
done
JOB=$(head -1 "$WORK/runner.out")
if [[ "$MODE" == io ]]; then
  wait "$RUNNER_PID" || true
  RUNNER_PID=""
  echo "$check_line"
  results_figures "$XDG_STATE_HOME/meshtop/jobs.sqlite" "$JOB"
  python3 -c 'import json, sys; ids = [json.loads(l)["custom_id"] for l in open(sys.argv[1])]; print("every input line has its result, in input order: " + ("yes" if ids == [f"req-{i}" for i in range(int(sys.argv[2]))] else "NO"))' "$WORK/results.jsonl" "$ITEMS"
  exit 0
fi

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

results=$(results_figures "$XDG_STATE_HOME/meshtop/jobs.sqlite" "$JOB")

python3 - "$WORK" "$ITEMS" "$check_line" "$elapsed" "$code" "$results" <<'PY'
import json, statistics, sys
work, items, check_line, elapsed, code, results = sys.argv[1:7]
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
print(check_line)
print(f"owner's live batches (stand-in's list, every 1 s, {len(live)} samples): max {max(live)}, "
      f"mean {statistics.mean(busy):.2f} while chunks waited ({len(busy)} s), mean {statistics.mean(live):.2f} over the run")
print(f"runner peak RSS: {peak_kb / 1024:.1f} MB")
print(f"runner CPU: median {statistics.median(cpu) * 100:.2f}% of a core per second, mean {statistics.mean(cpu) * 100:.2f}%")
print(results)
print("every input line has its result, in input order: " + ("yes" if ids == expected else "NO"))
PY
