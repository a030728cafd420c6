"""A small in-process stand-in for the Cockpit API (stdlib http.server), for the SDK's unit tests.

It speaks the routes of sdk/PROTOCOL.md with in-memory state, records every request, and can be
told to fail: ``fail(path_prefix, status, times, headers)`` answers the next matching requests with
an error before behaving again. The real server is exercised by test/sdk/python.test.ts.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple

API_KEY = "ck_test_key"

#: status, JSON body, extra headers
Answer = Tuple[int, Any, Dict[str, str]]


class Recorded:
    """One request as the fake received it."""

    def __init__(self, method: str, path: str, query: Dict[str, str], body: Any, headers: Dict[str, str]):
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.headers = headers

    def __repr__(self) -> str:
        return f"{self.method} {self.path}"


class FakeCockpit:
    """Start with ``with FakeCockpit() as fake:``; ``fake.url`` is its base URL."""

    def __init__(self) -> None:
        self.requests: List[Recorded] = []
        self.runs: Dict[str, Dict[str, Any]] = {}
        self.steps: Dict[str, List[Dict[str, Any]]] = {}
        self.approvals: Dict[str, Dict[str, Any]] = {}
        #: What ``POST /v1/policies:evaluate`` decides.
        self.decision = "allow"
        #: Step ids the fake refuses (per-step 403, as for a token that does not verify).
        self.refuse_steps: set = set()
        self._failures: List[List[Any]] = []
        self._lock = threading.Lock()
        self._decided = threading.Condition(self._lock)
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "FakeCockpit":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    # -- test controls ---------------------------------------------------------------------------

    def fail(
        self, prefix: str, status: int, times: int = 1, headers: Optional[Dict[str, str]] = None
    ) -> None:
        """Answer the next ``times`` requests whose path starts with ``prefix`` with ``status``."""
        with self._lock:
            self._failures.append([prefix, status, times, headers or {}])

    def decide(self, approval_id: str, status: str, reason: Optional[str] = None) -> None:
        """Decide an approval as a human would (wakes the long polls)."""
        with self._lock:
            approval = self.approvals[approval_id]
            approval["status"] = status
            if reason:
                approval["reason"] = reason
            if status == "approved":
                approval["decision_token"] = f"token-for-{approval_id}"
                approval["decided_by"] = "approver@example.test"
            self._decided.notify_all()

    def paths(self, method: Optional[str] = None) -> List[str]:
        with self._lock:
            return [r.path for r in self.requests if method is None or r.method == method]

    def stored_steps(self, run_id: str) -> List[Dict[str, Any]]:
        with self._lock:
            return list(self.steps.get(run_id, []))

    # -- the API ---------------------------------------------------------------------------------

    def _handle(self, method: str, path: str, query: Dict[str, str], body: Any) -> Answer:
        with self._lock:
            for failure in self._failures:
                prefix, status, times, headers = failure
                if times > 0 and path.startswith(prefix):
                    failure[2] -= 1
                    return status, _problem(status, "injected failure"), headers
        if method == "POST" and path == "/v1/runs":
            return self._create_run(body)
        if method == "POST" and path.endswith("/steps"):
            return self._append(path.split("/")[3], body)
        if method == "POST" and path.endswith(":finish"):
            return self._finish(path.split("/")[3].split(":")[0], body)
        if method == "POST" and path == "/v1/policies:evaluate":
            return self._evaluate(body)
        if method == "POST" and path == "/v1/approvals":
            return self._create_approval(body)
        if method == "GET" and path.startswith("/v1/approvals/"):
            return self._get_approval(path.split("/")[3], float(query.get("wait", "0")))
        return 404, _problem(404, f"no route {method} {path}"), {}

    def _create_run(self, body: Dict[str, Any]) -> Answer:
        with self._lock:
            if body["id"] in self.runs:
                return 200, self.runs[body["id"]], {}
            run = {**body, "status": "running"}
            self.runs[body["id"]] = run
            self.steps[body["id"]] = []
            return 201, run, {}

    def _append(self, run_id: str, body: Dict[str, Any]) -> Answer:
        with self._lock:
            if run_id not in self.runs:
                return 404, _problem(404, "run not found"), {}
            stored = self.steps[run_id]
            results = []
            for step in body["steps"]:
                if step["id"] in self.refuse_steps:
                    results.append({"id": step["id"], "status": "rejected", "code": 403})
                elif any(s["id"] == step["id"] for s in stored):
                    results.append({"id": step["id"], "status": "duplicate", "code": 200})
                else:
                    stored.append(step)
                    results.append({"id": step["id"], "status": "created", "code": 201})
            rejected = sum(1 for r in results if r["status"] == "rejected")
            created = sum(1 for r in results if r["status"] == "created")
            summary = {"results": results, "created": created, "rejected": rejected}
            return (207 if rejected else 200), summary, {}

    def _finish(self, run_id: str, body: Dict[str, Any]) -> Answer:
        with self._lock:
            run = self.runs.get(run_id)
            if run is None:
                return 404, _problem(404, "run not found"), {}
            if run["status"] not in ("running", body["status"]):
                return 409, _problem(409, "run already finished"), {}
            run["status"] = body["status"]
            return 200, run, {}

    def _evaluate(self, body: Dict[str, Any]) -> Answer:
        from cockpit_sdk import payload_hash

        answer: Dict[str, Any] = {
            "decision": self.decision,
            "policy_version": 3,
            "reasons": [f"rule for {body['tool']}"],
            "payload_hash": payload_hash(body["tool"], body["arguments"]),
        }
        if self.decision == "allow" and body.get("issue_token"):
            answer["decision_token"] = f"token-for-{body['step_id']}"
        return 200, answer, {}

    def _create_approval(self, body: Dict[str, Any]) -> Answer:
        with self._lock:
            approval_id = f"ap-{len(self.approvals) + 1}"
            approval = {**body, "id": approval_id, "status": "pending", "expires_at": "2099-01-01T00:00:00Z"}
            self.approvals[approval_id] = approval
            return 201, dict(approval), {}

    def _get_approval(self, approval_id: str, wait: float) -> Answer:
        deadline = time.monotonic() + min(wait, 30)
        with self._lock:
            approval = self.approvals.get(approval_id)
            if approval is None:
                return 404, _problem(404, "approval not found"), {}
            while approval["status"] == "pending" and time.monotonic() < deadline:
                self._decided.wait(deadline - time.monotonic())
            return 200, dict(approval), {}

    def _handler_class(self) -> type:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _serve(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                query = dict(urllib.parse.parse_qsl(url.query))
                recorded = Recorded(self.command, url.path, query, body, dict(self.headers.items()))
                with fake._lock:
                    fake.requests.append(recorded)
                if self.headers.get("Authorization") != f"Bearer {API_KEY}":
                    status, answer, headers = 401, _problem(401, "bad key"), {}
                else:
                    status, answer, headers = fake._handle(self.command, url.path, query, body)
                data = json.dumps(answer).encode("utf-8")
                self.send_response(status)
                content_type = "application/problem+json" if status >= 400 else "application/json"
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = _serve
            do_POST = _serve

        return Handler


class _QuietServer(ThreadingHTTPServer):
    """A client that gave up (a timed-out long poll) is not an error worth printing."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _problem(status: int, detail: str) -> Dict[str, Any]:
    problem_type = f"https://cockpit.dev/problems/{status}"
    return {"type": problem_type, "title": "error", "status": status, "detail": detail}
