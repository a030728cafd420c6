"""hitl_gate against a fake server: the function runs only with a decision token."""

from __future__ import annotations

import asyncio
import threading
import time
import unittest

from cockpit_sdk import (
    ApprovalTimeoutError,
    BlockedError,
    Cockpit,
    DeniedError,
    GateError,
    GateUnavailableError,
    hitl_gate,
    payload_hash,
)
from cockpit_sdk.transport import RetryPolicy, Transport
from fake_cockpit import API_KEY, FakeCockpit


class GateTest(unittest.TestCase):
    def setUp(self):
        self.fake = FakeCockpit().__enter__()
        self.addCleanup(self.fake.__exit__, None, None, None)
        transport = Transport(self.fake.url, API_KEY, retry=RetryPolicy(max_retries=1), sleep=lambda s: None)
        self.client = Cockpit(transport=transport, agent="refund-bot", environment="test", flush_interval=60)
        self.addCleanup(self.client.close)
        self.run = self.client.start_run("refunds")
        self.calls = []

        @hitl_gate("issue_refund", risk="high", summary=lambda a: f"Refund {a['amount']}", timeout=5)
        def issue_refund(order_id: str, amount: float, currency: str = "EUR"):
            self.calls.append((order_id, amount, currency))
            return {"refund_id": "rf_1", "amount": amount}

        self.issue_refund = issue_refund

    def tool_steps(self):
        self.run.flush()
        return [s for s in self.fake.stored_steps(self.run.id) if s["kind"] == "tool"]

    def test_allow_runs_the_tool_and_reports_it_with_the_token(self):
        with self.run:
            result = self.issue_refund("A-1", 12.5)
        self.assertEqual(result, {"refund_id": "rf_1", "amount": 12.5})
        self.assertEqual(self.calls, [("A-1", 12.5, "EUR")])
        evaluation = next(r.body for r in self.fake.requests if r.path == "/v1/policies:evaluate")
        self.assertEqual(
            evaluation,
            {
                "agent": "refund-bot",
                "tool": "issue_refund",
                "arguments": {"order_id": "A-1", "amount": 12.5, "currency": "EUR"},
                "risk": "high",
                "environment": "test",
                "run_id": self.run.id,
                "step_id": evaluation["step_id"],
                "issue_token": True,
            },
        )
        # the run exists on the server before it is evaluated against
        self.assertLess(self.fake.paths().index("/v1/runs"), self.fake.paths().index("/v1/policies:evaluate"))
        (step,) = self.tool_steps()
        self.assertEqual(step["decision_token"], f"token-for-{evaluation['step_id']}")
        self.assertEqual(step["input"], evaluation["arguments"])
        self.assertEqual(step["output"], result)
        self.assertEqual(
            payload_hash(step["tool"], step["input"]), payload_hash("issue_refund", evaluation["arguments"])
        )

    def test_block_raises_without_running_the_tool(self):
        self.fake.decision = "block"
        with self.assertRaises(BlockedError) as raised:
            with self.run:
                self.issue_refund("A-1", 5000)
        self.assertEqual(raised.exception.reasons, ["rule for issue_refund"])
        self.assertEqual(raised.exception.policy_version, 3)
        self.assertIsInstance(raised.exception, GateError)
        self.assertEqual(self.calls, [])
        self.assertEqual(self.tool_steps(), [])

    def approve_later(self, status, reason=None):
        def decide():
            while not self.fake.approvals:
                time.sleep(0.01)
            time.sleep(0.1)  # the gate is in its long poll by now
            self.fake.decide("ap-1", status, reason)

        thread = threading.Thread(target=decide)
        thread.start()
        self.addCleanup(thread.join)

    def test_require_approval_waits_for_the_human_then_runs_with_the_approvals_token(self):
        self.fake.decision = "require_approval"
        pending = []
        self.approve_later("approved")

        @hitl_gate("issue_refund", run=self.run, on_pending=pending.append, timeout=5)
        def refund(order_id, amount):
            self.calls.append(order_id)
            return "ok"

        self.assertEqual(refund("A-2", amount=99), "ok")
        self.assertEqual(self.calls, ["A-2"])
        self.assertEqual([p["id"] for p in pending], ["ap-1"])
        approval = self.fake.approvals["ap-1"]
        self.assertEqual(
            {k: approval[k] for k in ("tool", "arguments", "risk", "summary")},
            {
                "tool": "issue_refund",
                "arguments": {"order_id": "A-2", "amount": 99},
                "risk": "high",
                "summary": "refund-bot wants to call issue_refund",
            },
        )
        polls = [r for r in self.fake.requests if r.path == "/v1/approvals/ap-1"]
        self.assertTrue(polls and all(0 < int(r.query["wait"]) <= 30 for r in polls))
        (step,) = self.tool_steps()
        self.assertEqual(step["decision_token"], "token-for-ap-1")

    def test_denied_raises_with_the_reason(self):
        self.fake.decision = "require_approval"
        self.approve_later("denied", "too much")
        with self.assertRaises(DeniedError) as raised:
            with self.run:
                self.issue_refund("A-3", 10)
        self.assertEqual((raised.exception.approval_id, raised.exception.reason), ("ap-1", "too much"))
        self.assertEqual(self.calls, [])

    def test_an_expired_approval_is_a_timeout(self):
        self.fake.decision = "require_approval"
        self.approve_later("expired")
        with self.assertRaises(ApprovalTimeoutError) as raised:
            with self.run:
                self.issue_refund("A-4", 10)
        self.assertTrue(raised.exception.expired)
        self.assertEqual(self.calls, [])

    def test_gives_up_after_its_own_timeout(self):
        self.fake.decision = "require_approval"

        @hitl_gate("issue_refund", run=self.run, timeout=1)
        def refund(order_id):
            self.calls.append(order_id)

        started = time.monotonic()
        with self.assertRaises(ApprovalTimeoutError) as raised:
            refund("A-5")
        self.assertFalse(raised.exception.expired)
        self.assertLess(time.monotonic() - started, 4)
        self.assertEqual(self.calls, [])

    def test_never_runs_the_tool_when_no_decision_can_be_had(self):
        for status, times in ((503, 2), (404, 1)):  # unreachable after retries; or no such endpoint
            self.fake.fail("/v1/policies:evaluate", status, times=times)
            with self.assertRaises(GateUnavailableError) as raised:
                with self.run:
                    self.issue_refund("A-6", 1)
            self.assertEqual(raised.exception.cause.status, status)
        self.assertEqual(self.calls, [])

    def test_needs_a_run(self):
        with self.assertRaises(GateError):
            self.issue_refund("A-7", 1)
        self.assertEqual(self.calls, [])

    def test_records_a_call_in_a_run_of_its_own_when_given_only_a_client(self):
        @hitl_gate("issue_refund", client=self.client)
        def refund(order_id):
            return order_id

        self.assertEqual(refund("A-12"), "A-12")
        self.client.flush()
        (own,) = [r for r in self.fake.runs.values() if r.get("name") == "issue_refund"]
        self.assertEqual(own["status"], "succeeded")
        self.assertEqual(own["tags"], ["hitl_gate"])
        (step,) = self.fake.stored_steps(own["id"])
        self.assertEqual((step["kind"], step["input"]), ("tool", {"order_id": "A-12"}))

    def test_reports_the_tools_exception_and_reraises_it(self):
        @hitl_gate("issue_refund", run=lambda: self.run)
        def refund(order_id):
            raise LookupError(f"no order {order_id}")

        with self.assertRaises(LookupError):
            refund("A-8")
        (step,) = self.tool_steps()
        self.assertEqual(step["error"], {"type": "LookupError", "message": "no order A-8"})
        self.assertIn("decision_token", step)

    def test_binds_methods_without_self(self):
        test = self

        class Payments:
            @hitl_gate("issue_refund", run=lambda: test.run)
            def refund(self, order_id, *, notify=True):
                return order_id

        self.assertEqual(Payments().refund("A-9"), "A-9")
        (step,) = self.tool_steps()
        self.assertEqual(step["input"], {"order_id": "A-9", "notify": True})

    def test_gates_async_functions(self):
        @hitl_gate("issue_refund", run=self.run)
        async def refund(order_id):
            await asyncio.sleep(0)
            self.calls.append(order_id)
            return order_id.lower()

        self.assertEqual(asyncio.run(refund("A-10")), "a-10")
        self.fake.decision = "block"
        with self.assertRaises(BlockedError):
            asyncio.run(refund("A-11"))
        self.assertEqual(self.calls, ["A-10"])


if __name__ == "__main__":
    unittest.main()
