"""The official Python SDK (`pip install meshapi`), unchanged, against `meshtop serve`.

Run from the package root after `swift build`:  .venv/bin/pytest Tests/sdk -q
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from meshapi import MeshAPI, MeshAPIError
from meshapi._types import BatchRequestItem, CreateBatchParams

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("MESHTOP_BIN", ROOT / ".build" / "debug" / "meshtop"))
KEY = "rsk_sdktestsdktestsdktestsdkt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int, process: subprocess.Popen, what: str):
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    process.kill()
    pytest.fail(f"{what} did not start listening")


# Every test taking `base_url` runs twice: against the simulator, and against `--upstream` in
# front of a small OpenAI-compatible fixture server (stdlib only), where every item is really sent.
@pytest.fixture(scope="module", params=["simulator", "upstream"])
def standin(request):
    keys = {**os.environ, "MESHTOP_SERVE_KEYS": f"{KEY}=team,rsk_otherownerotherownerothero=other"}
    upstream = None
    port = free_port()
    if request.param == "upstream":
        upstream_port = free_port()
        upstream = subprocess.Popen([sys.executable, str(Path(__file__).with_name("fixture_upstream.py")), str(upstream_port)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_listening(upstream_port, upstream, "the fixture upstream")
        mode = ["--upstream", f"http://127.0.0.1:{upstream_port}/v1", "--upstream-key-env", "FIXTURE_UPSTREAM_KEY",
                # The SDK retries the 10-batch 429 three times after its Retry-After (30 s by default).
                "--limit-retry-after", "1"]
        keys["FIXTURE_UPSTREAM_KEY"] = "fixture-upstream-key"
    else:
        mode = ["--speed", "200", "--failure-rate", "0.1"]
    process = subprocess.Popen(
        [str(BINARY), "serve", "--port", str(port), "--memory", *mode],
        # Keys from the environment, not argv (where ps would show them).
        env=keys, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_listening(port, process, "meshtop serve")
    yield {"url": f"http://127.0.0.1:{port}", "mode": request.param}
    process.terminate()
    process.wait(timeout=10)
    if upstream:
        upstream.terminate()
        upstream.wait(timeout=10)


@pytest.fixture(scope="module")
def base_url(standin):
    return standin["url"]


@pytest.fixture()
def client(base_url):
    return MeshAPI(base_url=base_url, token=KEY)


def params(count: int, model: str = "openai/gpt-4o-mini", prefix: str = "doc") -> CreateBatchParams:
    return CreateBatchParams(
        requests=[
            BatchRequestItem(custom_id=f"{prefix}-{i:03}",
                             body={"model": model, "messages": [{"role": "user", "content": f"Summarise {i}"}]})
            for i in range(count)
        ],
        metadata={"project": "sdk-test"},
    )


def wait_terminal(client: MeshAPI, batch_id: str, seconds: float = 30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        batch = client.batches.get(batch_id)
        if batch.status in ("completed", "failed", "expired", "cancelled"):
            return batch
        time.sleep(0.05)
    pytest.fail(f"batch {batch_id} never finished")


def test_models_list(client):
    models = client.models.list()
    ids = [m.id for m in models]
    assert "openai/gpt-4o-mini" in ids and "openai/gpt-5-nano" in ids and "openai/gpt-5.4" in ids
    assert any(m.supports_batching is False for m in models)


def test_full_lifecycle(client):
    created = client.batches.create(params(12))
    assert created.id.startswith("batch_") and created.status == "validating"
    assert created.request_counts["total"] == 12
    listed = client.batches.list(limit=5)
    assert listed.object == "list" and created.id in [b.id for b in listed.data]
    assert all(b.results is None for b in listed.data)
    done = wait_terminal(client, created.id)
    assert done.status == "completed" and done.completed_at is not None
    assert sorted(r["custom_id"] for r in done.results) == [f"doc-{i:03}" for i in range(12)]
    counts = done.request_counts
    assert counts["completed"] + counts["failed"] == 12
    assert counts["failed"] == sum(1 for r in done.results if r["response"]["status_code"] >= 400)


def test_upstream_answers_are_the_upstreams(client, standin):
    """With --upstream, results are the upstream's own answers: its ids, its usage, its errors."""
    if standin["mode"] != "upstream":
        pytest.skip("the simulator makes its answers up")
    items = params(2).requests + [BatchRequestItem(
        custom_id="doc-002", body={"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "please FAIL"}]})]
    created = client.batches.create(CreateBatchParams(requests=items))
    done = wait_terminal(client, created.id)
    by_id = {r["custom_id"]: r for r in done.results}
    assert by_id["doc-000"]["response"]["body"]["id"].startswith("chatcmpl-fixture-")
    assert by_id["doc-001"]["response"]["body"]["usage"]["prompt_tokens"] == 2
    assert by_id["doc-002"]["response"]["status_code"] == 400
    assert by_id["doc-002"]["response"]["body"]["error"]["code"] == "fixture_failure"
    assert done.request_counts == {"total": 3, "completed": 2, "failed": 1}
    assert "fixture/echo-1" in [m.id for m in client.models.list()]


def test_cancel(client):
    created = client.batches.create(params(400, prefix="long"))
    cancelling = client.batches.cancel(created.id)
    assert cancelling.status == "cancelling"
    done = wait_terminal(client, created.id)
    assert done.status == "cancelled"
    assert any(r["error"] and r["error"]["code"] == "batch_cancelled" for r in done.results)
    with pytest.raises(MeshAPIError) as conflict:
        client.batches.cancel(created.id)
    assert conflict.value.status == 409 and conflict.value.error_code == "conflict"


def test_paging(client):
    first = client.batches.list(limit=1)
    assert len(first.data) == 1 and first.has_more
    second = client.batches.list(limit=1, after=first.last_id)
    assert second.data[0].id < first.data[0].id


def test_unauthorized(base_url):
    with pytest.raises(MeshAPIError) as error:
        MeshAPI(base_url=base_url, token="rsk_wrongwrongwrongwrongwrongw").batches.list()
    assert error.value.status == 401 and error.value.error_code == "unauthorized"
    assert error.value.request_id.startswith("req_")


def test_not_found(client):
    with pytest.raises(MeshAPIError) as error:
        client.batches.get("batch_does_not_exist")
    assert error.value.status == 404 and error.value.error_code == "not_found"
    with pytest.raises(MeshAPIError) as model:
        client.batches.create(params(1, model="acme/no-such-model"))
    assert model.value.status == 404 and model.value.error_code == "model_not_found"


def test_validation(client):
    bad = CreateBatchParams(requests=[
        BatchRequestItem(custom_id="same", body={"model": "openai/gpt-4o-mini", "messages": []}),
        BatchRequestItem(custom_id="same", body={"model": "openai/gpt-4o-mini", "messages": []}),
    ])
    with pytest.raises(MeshAPIError) as error:
        client.batches.create(bad)
    assert error.value.status == 422 and error.value.error_code == "validation_error"


def test_not_implemented(client):
    with pytest.raises(MeshAPIError) as error:
        client.batches.create(params(1, model="groq/llama-3.3-70b-versatile"))
    assert error.value.status == 501 and error.value.error_code == "not_implemented"


def test_batch_limit(base_url):
    limited = MeshAPI(base_url=base_url, token="rsk_otherownerotherownerothero")
    for _ in range(10):
        limited.batches.create(params(2000, prefix="slot"))
    with pytest.raises(MeshAPIError) as error:
        limited.batches.create(params(1))
    assert error.value.status == 429 and error.value.error_code == "batch_limit_exceeded"
    for batch in limited.batches.list(limit=100).data:
        if batch.status not in ("completed", "failed", "expired", "cancelled", "cancelling"):
            limited.batches.cancel(batch.id)


def test_kill_9_and_restart_loses_nothing(tmp_path):
    """kill -9 mid-run, start again on the same file: accepted work and finished results survive, work resumes."""
    db = tmp_path / "standin.sqlite"

    def serve(speed: str):
        port = free_port()
        process = subprocess.Popen(
            [str(BINARY), "serve", "--port", str(port), "--db", str(db), "--speed", speed],
            env={**os.environ, "MESHTOP_SERVE_KEYS": f"{KEY}=team"},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return process, MeshAPI(base_url=f"http://127.0.0.1:{port}", token=KEY)
            except OSError:
                time.sleep(0.05)
        process.kill()
        pytest.fail("meshtop serve did not start listening")

    process, client = serve("50")
    created = client.batches.create(params(200, prefix="crash"))
    deadline = time.time() + 20
    while (client.batches.get(created.id).request_counts or {}).get("completed", 0) + \
            (client.batches.get(created.id).request_counts or {}).get("failed", 0) < 10:
        assert time.time() < deadline
        time.sleep(0.05)
    before = client.batches.get(created.id).request_counts
    process.kill()  # SIGKILL: no chance to flush or shut down
    process.wait()

    process, client = serve("2000")
    try:
        after = client.batches.get(created.id).request_counts
        assert after["completed"] + after["failed"] >= before["completed"] + before["failed"]
        done = wait_terminal(client, created.id)
        assert done.status == "completed" and len(done.results) == 200
        assert done.request_counts["completed"] + done.request_counts["failed"] == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
