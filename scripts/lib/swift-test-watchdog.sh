#!/usr/bin/env bash
# swift-test-watchdog.sh SECONDS [swift test arguments...]
#
# Runs `swift test` and ends it when it runs past SECONDS, naming the tests that started and
# never ended. The suite takes about two minutes here; a test that hangs (a server that never
# answers, a child that never exits) must fail the run with its name in the log, not hold CI
# until its own deadline kills it with nothing said.
set -uo pipefail
limit=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# A process group of its own, so the watchdog can end the tests' children too.
setsid swift test "$@" > >(tee "$log") 2>&1 &
pid=$!
start=$(date +%s)
while kill -0 "$pid" 2>/dev/null; do
  if (( $(date +%s) - start >= limit )); then
    echo "watchdog: swift test ran past ${limit}s; stopping it" >&2
    kill -TERM -- -"$pid" 2>/dev/null
    sleep 5
    kill -KILL -- -"$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    sleep 1  # let tee write out the last lines
    echo "watchdog: tests that started and never ended:" >&2
    python3 - "$log" >&2 <<'PY'
import re, sys
started, ended = [], set()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"◇ Test (.+?) started\.", line)
    if m:
        started.append(m.group(1))
        continue
    m = re.search(r"[✔✘] Test (.+?)(?: with \d+ test cases?)? (?:passed|failed) after", line)
    if m:
        ended.add(m.group(1))
for name in dict.fromkeys(started):
    if name not in ended and not name.startswith("case "):
        print("  " + name)
PY
    exit 124
  fi
  sleep 2
done
wait "$pid"
