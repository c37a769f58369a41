"""One HTTP call to a Mesh batch API (the stand-in), for the scripts' embedded Python.

    sys.path.insert(0, "scripts/lib"); from standin_call import caller
    call = caller("http://127.0.0.1:8080", key)
    status, body = call("POST", "/v1/batches", {...})
"""
import json
import urllib.error
import urllib.request


def caller(base, key):
    """A call(method, path, body=None) -> (status, decoded JSON) bound to `base` and `key`."""
    def call(method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(base + path, method=method, data=data,
                                         headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)
    return call
