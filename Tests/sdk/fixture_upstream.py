"""A tiny OpenAI-compatible upstream for `meshtop serve --upstream` (stdlib only).

`python fixture_upstream.py PORT` serves `POST /v1/chat/completions` (a chat.completion whose usage
counts the words of the messages; a message containing "FAIL" gets a 400) and `GET /v1/models`
(one model, `fixture/echo-1`, that the stand-in's catalog does not have).
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODELS = {"object": "list", "data": [{"id": "fixture/echo-1", "object": "model", "owned_by": "fixture"}]}
lock = threading.Lock()
served = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: pytest shows nothing of it anyway
        pass

    def answer(self, status: int, body: dict):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/v1/models":
            self.answer(200, MODELS)
        else:
            self.answer(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

    def do_POST(self):
        global served
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        if self.path != "/v1/chat/completions":
            return self.answer(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
        with lock:
            served += 1
            number = served
        text = " ".join(str(m.get("content", "")) for m in request.get("messages", []))
        if "FAIL" in text:
            return self.answer(400, {"error": {"message": "asked to fail", "type": "invalid_request_error",
                                               "code": "fixture_failure"}})
        prompt = max(1, len(text.split()))
        self.answer(200, {
            "id": f"chatcmpl-fixture-{number}", "object": "chat.completion", "created": 0,
            "model": request.get("model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": f"echo: {text}"},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": 3, "total_tokens": prompt + 3},
        })


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
