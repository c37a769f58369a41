#!/usr/bin/env python3
"""A Mesh server of two finished batches with huge results, for scripts/bench-huge-results.sh:
batch_many (200 results, each a 10 MiB error message) and batch_giant (one result, a 1 GiB
message). Bodies are generated as they are sent, never built whole. Usage: huge-results-server.py PORT
(HUGE_MANY=200, HUGE_MANY_MIB=10 and HUGE_GIANT_MIB=1024 change the sizes)."""
import http.server, json, os, sys

MIB = 1 << 20
env = lambda name, default: int(os.environ.get(name, default))
BATCHES = {
    "batch_giant": {"results": 1, "message_bytes": env("HUGE_GIANT_MIB", 1024) * MIB, "created_at": 1764000200},
    "batch_many": {"results": env("HUGE_MANY", 200), "message_bytes": env("HUGE_MANY_MIB", 10) * MIB, "created_at": 1764000100},
}

def batch(batch_id, spec):
    n = spec["results"]
    return {"id": batch_id, "object": "batch", "endpoint": "/v1/chat/completions", "model": "openai/gpt-4o-mini",
            "status": "completed", "created_at": spec["created_at"], "completed_at": spec["created_at"] + 60,
            "request_counts": {"total": n, "completed": 0, "failed": n}, "metadata": {"project": "huge"}}

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # the body ends when the connection closes: no length to compute

    def log_message(self, *args):
        pass

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the dashboard quit (q) or gave up while the body was still going out

    def send_json_head(self, status=200):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/v1/batches":
            data = [batch(i, s) for i, s in sorted(BATCHES.items(), key=lambda kv: -kv[1]["created_at"])]
            self.send_json_head()
            self.wfile.write(json.dumps({"object": "list", "data": data, "first_id": data[0]["id"],
                                         "last_id": data[-1]["id"], "has_more": False}).encode())
            return
        batch_id = path.rsplit("/", 1)[-1]
        if path.startswith("/v1/batches/") and batch_id in BATCHES:
            spec = BATCHES[batch_id]
            head = json.dumps(batch(batch_id, spec))[:-1] + ', "results": ['
            self.send_json_head()
            self.wfile.write(head.encode())
            block = b"m" * MIB
            for i in range(spec["results"]):
                if i: self.wfile.write(b",")
                self.wfile.write(('{"custom_id": "%s-%d", "response": {"status_code": 500, "body": {"error": '
                                  '{"code": "upstream_error", "message": "' % (batch_id, i)).encode())
                left = spec["message_bytes"]
                while left > 0:
                    self.wfile.write(block[:min(left, MIB)])
                    left -= MIB
                self.wfile.write(b'"}}}}')
            self.wfile.write(b"]}")
            return
        self.send_json_head(404)
        self.wfile.write(b'{"error": {"code": "not_found", "message": "no such thing"}}')

http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
