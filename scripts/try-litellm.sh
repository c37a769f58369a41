#!/usr/bin/env bash
# `meshtop serve --upstream` in front of a real OpenAI-compatible server, run on purpose (not by the
# test suite: it installs LiteLLM from PyPI, ~1 minute, and LiteLLM takes ~20 s to start).
# LiteLLM's proxy answers from `mock_response` (no provider, no network, no model weights), so what
# is checked is the wire between the two: every item's result is LiteLLM's own chat.completion with
# its usage, counts add up, a model LiteLLM refuses ends its items with LiteLLM's 400, and a cancel
# keeps what ran and ends the rest as batch_cancelled.
# Needs: python3 with venv, curl. MESHTOP_BIN=path skips building the debug binary.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-debug}"
source scripts/lib/meshtop_binary.sh

VENV=.build/litellm-venv
if [[ ! -x "$VENV/bin/litellm" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check 'litellm[proxy]==1.108.7'
fi

WORK="$(mktemp -d)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
UP_PORT="$(free_port)"
PORT="$(free_port)"
export LITELLM_MASTER_KEY="sk-litellm-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"

cat > "$WORK/litellm.yaml" <<CONF
model_list:
  - model_name: tiny-mock
    litellm_params: {model: openai/tiny-mock, api_key: unused, mock_response: "Hello from LiteLLM"}
  - model_name: slow-mock
    litellm_params: {model: openai/slow-mock, api_key: unused, mock_response: "Slow hello", mock_delay: 2}
general_settings: {master_key: os.environ/LITELLM_MASTER_KEY}
CONF
"$VENV/bin/litellm" --config "$WORK/litellm.yaml" --host 127.0.0.1 --port "$UP_PORT" >"$WORK/litellm.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do
  curl -sf -o /dev/null -H "Authorization: Bearer $LITELLM_MASTER_KEY" "http://127.0.0.1:$UP_PORT/v1/models" && break
  sleep 0.5
done
curl -sf -o /dev/null -H "Authorization: Bearer $LITELLM_MASTER_KEY" "http://127.0.0.1:$UP_PORT/v1/models" \
  || { echo "LiteLLM did not start:"; tail -20 "$WORK/litellm.log"; exit 1; }
echo "== LiteLLM $("$VENV/bin/pip" show litellm | awk '/^Version/ {print $2}') on port $UP_PORT"

# A catalog alias whose upstream model LiteLLM does not have: its items must end with LiteLLM's 400.
python3 - "$WORK/catalog.json" <<'PY'
import json, sys
json.dump([{"id": "local/refused", "provider": "local", "supports_batching": True,
            "upstream_model": "no-such-model"}], open(sys.argv[1], "w"))
PY
KEY="rsk_litellmlitellmlitellmlitel"
printf '%s=team\n' "$KEY" > "$WORK/keys"
"$BIN" serve --port "$PORT" --memory --keys "$WORK/keys" --catalog "$WORK/catalog.json" \
  --upstream "http://127.0.0.1:$UP_PORT/v1" --upstream-key-env LITELLM_MASTER_KEY --concurrency 4 \
  >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done

python3 - "http://127.0.0.1:$PORT" "$KEY" <<'PY'
import json, sys, time
base, key = sys.argv[1:3]
sys.path.insert(0, "scripts/lib")
from standin_call import caller
call = caller(base, key)
def create(model, n):
    status, batch = call("POST", "/v1/batches", {"requests": [{"custom_id": f"{model}-{i}", "body": {"model": model,
        "messages": [{"role": "user", "content": f"hello {i}"}]}} for i in range(n)]})
    assert status == 200, (status, batch)
    return batch["id"]
def wait(batch_id, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        status, batch = call("GET", f"/v1/batches/{batch_id}")
        if batch["status"] in ("completed", "failed", "cancelled", "expired"): return batch
        time.sleep(0.2)
    raise SystemExit(f"{batch_id} did not finish: {batch['status']}")
failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok: failures.append(what)

status, models = call("GET", "/v1/models")
ids = [m["id"] for m in (models["data"] if isinstance(models, dict) else models)]
check("tiny-mock" in ids and "slow-mock" in ids, f"GET /v1/models lists LiteLLM's models ({len(ids)} in all)")

batch = wait(create("tiny-mock", 20))
results = batch["results"] or []
tokens = sum(((r.get("response") or {}).get("body") or {}).get("usage", {}).get("total_tokens", 0) for r in results)
check(batch["status"] == "completed" and batch["request_counts"] == {"total": 20, "completed": 20, "failed": 0},
      f"20 items completed: {batch['request_counts']}")
check(all(r["response"]["status_code"] == 200 and r["response"]["body"]["object"] == "chat.completion" for r in results),
      "every result is LiteLLM's chat.completion, status 200")
check(len({r["response"]["body"]["id"] for r in results}) == 20, "20 distinct upstream completion ids")
check(tokens > 0, f"usage is LiteLLM's: {tokens} tokens in all")

batch = wait(create("local/refused", 3))
codes = sorted({r["response"]["status_code"] for r in batch["results"]})
check(batch["request_counts"]["failed"] == 3 and codes == [400], f"a model LiteLLM refuses: 3 failed with {codes}")

slow = create("slow-mock", 16)  # 4 in flight, 2 s each
time.sleep(3)
call("POST", f"/v1/batches/{slow}/cancel")
batch = wait(slow)
ran = [r for r in batch["results"] if r.get("response")]
cancelled = [r for r in batch["results"] if (r.get("error") or {}).get("code") == "batch_cancelled"]
check(batch["status"] == "cancelled" and 0 < len(ran) < 16 and len(ran) + len(cancelled) == 16,
      f"cancel mid-run: {len(ran)} ran and were kept, {len(cancelled)} ended batch_cancelled")
sys.exit(1 if failures else 0)
PY
echo "== all checks passed"
