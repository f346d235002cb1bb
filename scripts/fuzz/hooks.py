"""Schemathesis hooks for `scripts/fuzz-api.py`.

Every request carries the access token of the person being fuzzed as. The driver signs in
before any fuzzing starts (fuzzing sign-in soon blocks this address, by design) and leaves
the session in the file named by `CINCO_FUZZ_SESSION`. Tokens last 15 minutes; this one is
renewed through `POST /api/v1/auth/refresh` every ten, which also rotates the refresh token
kept in the file.
"""
import json
import os
import urllib.request

import schemathesis

URL = os.environ["CINCO_FUZZ_URL"]
SESSION = os.environ["CINCO_FUZZ_SESSION"]
COOKIE = "cinco_refresh"


def _token():
    with open(SESSION) as f:
        session = json.load(f)
    token = session.pop("access_token", None)
    if token:
        # The first use: the token the driver just got at sign-in.
        with open(SESSION, "w") as f:
            json.dump(session, f)
        return token
    req = urllib.request.Request(
        f"{URL}/api/v1/auth/refresh",
        method="POST",
        headers={"cookie": f"{COOKIE}={session['refresh_token']}"},
    )
    with urllib.request.urlopen(req, timeout=30) as res:
        body = json.loads(res.read())
        for header in res.headers.get_all("set-cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == COOKIE:
                session["refresh_token"] = rest.split(";", 1)[0]
    with open(SESSION, "w") as f:
        json.dump(session, f)
    return body["access_token"]


@schemathesis.auth(refresh_interval=600)
class Bearer:
    def get(self, case, context):
        return _token()

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


def _nullable_formats_as_one_of(node):
    """`{"type": ["string", "null"], "format": "uuid"}` becomes
    `{"oneOf": [{"type": "string", "format": "uuid"}, {"type": "null"}]}`, which means the
    same. Schemathesis 4.32's coverage phase takes `""` as a valid value of the first form
    (whatever its format), then reports the server for refusing it; it reads the second form
    right.
    """
    if isinstance(node, list):
        for item in node:
            _nullable_formats_as_one_of(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _nullable_formats_as_one_of(value)
    types = node.get("type")
    if isinstance(types, list) and "null" in types and "format" in node:
        others = [t for t in types if t != "null"]
        value = {k: v for k, v in node.items() if k not in ("type", "description")}
        value["type"] = others[0] if len(others) == 1 else others
        for key in list(node):
            if key != "description":
                del node[key]
        node["oneOf"] = [value, {"type": "null"}]


@schemathesis.hook
def before_load_schema(context, raw_schema):
    _nullable_formats_as_one_of(raw_schema)
