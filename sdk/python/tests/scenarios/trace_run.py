"""Trace a run with every kind of step, some secrets and a failing tool; print what was sent."""

from __future__ import annotations

import json
import sys

from cockpit_sdk import Cockpit

SECRETS = {
    "email": "dana.lee@example.org",
    "bearer": "Bearer sk-proj-abcdefghijklmnopqrstuvwxyz0123456789",
    "card": "4111 1111 1111 1111",
}


def main() -> int:
    errors = []
    # Small batches and a short interval, so the run really goes out in several requests.
    client = Cockpit(batch_size=2, flush_interval=0.05, on_error=errors.append)
    with client.start_run("python sdk trace", tags=["sdk", "python"], metadata={"env": "test"}) as run:
        run.step("prompt", name="user", input={"content": f"Refund order A-1 and mail {SECRETS['email']}"})
        with run.model_step("gpt-4o", input=[{"role": "user", "content": "refund A-1"}]) as model:
            model.output = {"content": "calling lookup_order"}
            model.usage = {"input_tokens": 100, "output_tokens": 20}
        with run.start_step("custom", name="plan") as plan:
            request = {
                "url": "https://api.example.com/orders/A-1",
                "headers": {"Authorization": SECRETS["bearer"]},
            }
            with run.tool_step("http_request", input=request) as call:
                call.output = {"status": 200, "card": SECRETS["card"]}
            with run.start_step("retrieval", name="policy docs", input={"q": "refund policy"}) as docs:
                docs.output = ["Refunds within 30 days."]
        try:
            with run.tool_step("send_mail", input={"to": SECRETS["email"]}):
                raise ConnectionError("smtp unreachable")
        except ConnectionError:
            pass
    delivered = client.close()
    errors_seen = [str(error) for error in errors]
    print(json.dumps({"run_id": run.id, "plan_id": plan.id, "delivered": delivered, "errors": errors_seen}))
    return 0 if delivered and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
