"""The tracer against a fake server: ordering, batching, retries, errors, context managers, atexit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
import unittest
import uuid
from pathlib import Path

from cockpit_sdk import ApiError, Cockpit, StepsRejectedError, current_run
from cockpit_sdk.transport import RetryPolicy, Transport
from fake_cockpit import API_KEY, FakeCockpit

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


class TracerTest(unittest.TestCase):
    def setUp(self):
        self.fake = FakeCockpit().__enter__()
        self.addCleanup(self.fake.__exit__, None, None, None)
        self.errors = []

    def client(self, **options):
        retry = RetryPolicy(max_retries=options.pop("max_retries", 3))
        transport = Transport(self.fake.url, API_KEY, retry=retry, sleep=lambda seconds: None)
        options.setdefault("flush_interval", 60)
        client = Cockpit(transport=transport, on_error=self.errors.append, **options)
        self.addCleanup(client.close)
        return client

    def step_batches(self, run_id):
        return [r.body["steps"] for r in self.fake.requests if r.path == f"/v1/runs/{run_id}/steps"]

    def test_creates_the_run_then_sends_its_steps_then_finishes_it(self):
        run = self.client().start_run("checkout", tags=["eu"], metadata={"env": "prod"})
        ids = [run.step("prompt", input=f"q{i}") for i in range(3)]
        self.assertTrue(run.finish())
        self.assertEqual(
            self.fake.paths(),
            ["/v1/runs", f"/v1/runs/{run.id}/steps", f"/v1/runs/{run.id}:finish"],
        )
        created = self.fake.requests[0].body
        self.assertEqual(str(uuid.UUID(created["id"])), created["id"])
        self.assertEqual(
            (created["name"], created["tags"], created["metadata"]), ("checkout", ["eu"], {"env": "prod"})
        )
        self.assertRegex(created["started_at"], ISO)
        self.assertEqual([s["id"] for s in self.fake.stored_steps(run.id)], ids)
        self.assertEqual(self.fake.requests[2].body["status"], "succeeded")
        self.assertEqual(run.status, "succeeded")
        self.assertEqual(self.errors, [])

    def test_sends_a_batch_as_soon_as_batch_size_steps_wait(self):
        run = self.client(batch_size=3).start_run()
        for i in range(7):
            run.step("custom", name=f"s{i}")
        wait_for(lambda: sum(len(b) for b in self.step_batches(run.id)) >= 6)
        run.finish()
        batches = self.step_batches(run.id)
        self.assertTrue(all(len(batch) <= 3 for batch in batches))
        self.assertEqual([s["name"] for s in self.fake.stored_steps(run.id)], [f"s{i}" for i in range(7)])

    def test_sends_waiting_steps_every_flush_interval(self):
        run = self.client(flush_interval=0.05).start_run()
        run.step("custom", name="lonely")
        wait_for(lambda: len(self.fake.stored_steps(run.id)) == 1)

    def test_retries_a_failed_batch_without_duplicating_steps(self):
        run = self.client().start_run()
        self.fake.fail(f"/v1/runs/{run.id}/steps", 503, times=2)
        run.step("custom", name="a")
        run.step("custom", name="b")
        self.assertTrue(run.finish())
        self.assertEqual(len(self.step_batches(run.id)), 3)
        self.assertEqual([s["name"] for s in self.fake.stored_steps(run.id)], ["a", "b"])
        self.assertEqual(self.errors, [])

    def test_keeps_what_could_not_be_sent_and_delivers_it_once_the_server_is_back(self):
        client = self.client(max_retries=1)
        run = client.start_run()
        self.fake.fail("/v1/runs", 503, times=2)
        run.step("custom", name="a")
        self.assertFalse(client.flush())
        self.assertEqual([type(e) for e in self.errors], [ApiError])
        self.assertTrue(client.flush())
        self.assertEqual([s["name"] for s in self.fake.stored_steps(run.id)], ["a"])

    def test_reports_a_refused_batch_and_does_not_resend_it(self):
        run = self.client().start_run()
        run.flush()
        self.fake.fail(f"/v1/runs/{run.id}/steps", 400)
        run.step("custom", name="refused")
        run.flush()
        run.step("custom", name="later")
        run.finish()
        self.assertEqual([e.status for e in self.errors], [400])
        self.assertEqual([s["name"] for s in self.fake.stored_steps(run.id)], ["later"])

    def test_reports_steps_the_server_rejected_one_by_one(self):
        run = self.client().start_run()
        good = run.step("custom")
        bad = run.step("custom")
        self.fake.refuse_steps.add(bad)
        run.finish()
        self.assertEqual(len(self.errors), 1)
        self.assertIsInstance(self.errors[0], StepsRejectedError)
        self.assertEqual([r["id"] for r in self.errors[0].rejected], [bad])
        self.assertEqual([s["id"] for s in self.fake.stored_steps(run.id)], [good])

    def test_drops_the_steps_of_a_run_the_server_refuses_to_create(self):
        run = self.client().start_run()
        self.fake.fail("/v1/runs", 403)
        run.step("custom")
        run.flush()
        run.step("custom")
        run.flush()
        self.assertEqual([e.status for e in self.errors], [403])
        self.assertEqual(self.fake.paths(), ["/v1/runs"])

    def test_step_context_managers_time_steps_and_record_errors(self):
        run = self.client().start_run()
        with run.tool_step("search", input={"q": "weather"}) as step:
            step.output = {"result": "sunny"}
        with self.assertRaises(RuntimeError):
            with run.model_step("gpt-4o", input=[{"role": "user", "content": "hi"}]) as model:
                model.usage = {"input_tokens": 10, "output_tokens": 2}
                raise RuntimeError("rate limited")
        run.finish()
        tool, model = self.fake.stored_steps(run.id)
        self.assertEqual(
            {k: tool[k] for k in ("kind", "name", "tool", "input", "output")},
            {
                "kind": "tool",
                "name": "search",
                "tool": "search",
                "input": {"q": "weather"},
                "output": {"result": "sunny"},
            },
        )
        self.assertRegex(tool["started_at"], ISO)
        self.assertGreaterEqual(tool["ended_at"], tool["started_at"])
        self.assertEqual(model["error"], {"type": "RuntimeError", "message": "rate limited"})
        self.assertEqual(model["usage"], {"input_tokens": 10, "output_tokens": 2})
        self.assertEqual(model["model"], "gpt-4o")

    def test_steps_started_inside_a_step_are_its_children(self):
        run = self.client().start_run()
        with run.start_step("custom", name="plan") as plan:
            inner = run.step("prompt", input="x")
            with run.tool_step("search") as search:
                pass
            plan.end(output="done")  # ending inside its own block never makes it its own parent
        run.finish()
        steps = {s["id"]: s for s in self.fake.stored_steps(run.id)}
        self.assertEqual(steps[inner]["parent_id"], plan.id)
        self.assertEqual(steps[search.id]["parent_id"], plan.id)
        self.assertNotIn("parent_id", steps[plan.id])
        self.assertEqual(steps[plan.id]["output"], "done")

    def test_a_run_block_is_the_current_run_and_finishes_it(self):
        client = self.client()
        with client.start_run() as ok:
            self.assertIs(current_run(), ok)
        self.assertIsNone(current_run())
        with self.assertRaises(ValueError):
            with client.start_run() as failed:
                raise ValueError("boom")
        self.assertEqual((ok.status, failed.status), ("succeeded", "failed"))
        self.assertEqual(self.fake.runs[failed.id]["status"], "failed")

    def test_finishing_again_is_harmless_but_not_with_another_status(self):
        run = self.client().start_run()
        run.finish("cancelled")
        run.finish("cancelled")
        with self.assertRaises(ValueError):
            run.finish("succeeded")
        self.assertEqual(self.fake.paths("POST").count(f"/v1/runs/{run.id}:finish"), 1)

    def test_refuses_unknown_kinds_and_fields_early(self):
        run = self.client().start_run()
        with self.assertRaises(ValueError):
            run.step("telepathy")
        with self.assertRaises(TypeError):
            run.step("tool", unexpected=True)

    def test_converts_values_to_json_and_can_redact_before_sending(self):
        run = self.client(redact_payloads=True).start_run(metadata={"owner": "ann@example.com"})
        run.step("tool", tool="mail", input={"to": ("ann@example.com",), "ratio": float("nan")})
        run.finish()
        self.assertEqual(self.fake.requests[0].body["metadata"], {"owner": "[REDACTED:email]"})
        (step,) = self.fake.stored_steps(run.id)
        self.assertEqual(step["input"], {"to": ["[REDACTED:email]"], "ratio": None})


class AtExitTest(unittest.TestCase):
    def test_steps_still_waiting_are_delivered_when_the_interpreter_exits(self):
        script = textwrap.dedent(
            f"""
            from cockpit_sdk import Cockpit
            client = Cockpit({{url!r}}, {API_KEY!r}, flush_interval=3600)
            run = client.start_run("short-lived")
            for i in range(5):
                run.step("custom", name=f"s{{{{i}}}}")
            print(run.id)
            """
        )
        with FakeCockpit() as fake:
            package = str(Path(__file__).resolve().parents[1])
            env = {**os.environ, "PYTHONPATH": package, "PYTHONDONTWRITEBYTECODE": "1"}
            done = subprocess.run(
                [sys.executable, "-W", "error", "-c", script.format(url=fake.url)],
                capture_output=True,
                text=True,
                env=env,
                timeout=30,
            )
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(done.stderr, "")
            run_id = done.stdout.strip()
            self.assertEqual([s["name"] for s in fake.stored_steps(run_id)], [f"s{i}" for i in range(5)])


if __name__ == "__main__":
    unittest.main()
