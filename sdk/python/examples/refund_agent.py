"""A tiny scripted refund agent: it traces its run and asks Cockpit before issuing a refund.

    COCKPIT_URL=http://localhost:3000 COCKPIT_API_KEY=ck_... python3 examples/refund_agent.py

With a policy that requires approval for ``issue_refund``, the agent waits until someone approves
(or denies) the refund in Cockpit; with no policy the call is allowed; with a blocking one it is
refused. Either way the run, its steps and the decision are in Cockpit afterwards.
Standard library only; ``REFUND_APPROVAL_TIMEOUT`` (seconds, default 300) bounds the wait.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, Mapping

from cockpit_sdk import (
    ApprovalTimeoutError,
    BlockedError,
    Cockpit,
    DeniedError,
    GateUnavailableError,
    hitl_gate,
    sanitize,
)

TICKET = "Hi, this is dana.lee@example.org. Order A-1001 arrived broken, I'd like a refund please."
ORDERS = {"A-1001": {"id": "A-1001", "total": 42.5, "currency": "EUR", "customer": "dana.lee@example.org"}}


def announce(approval: Mapping[str, Any]) -> None:
    expires = approval.get("expires_at")
    print(f"Waiting for a human: approval {approval['id']} (expires {expires})", flush=True)


@hitl_gate(
    "issue_refund",
    risk="high",
    summary=lambda args: f"Refund {args['amount']} {args['currency']} on order {args['order_id']}",
    timeout=float(os.environ.get("REFUND_APPROVAL_TIMEOUT", "300")),
    on_pending=announce,
)
def issue_refund(order_id: str, amount: float, currency: str = "EUR") -> Dict[str, Any]:
    """The risky tool: only ever runs with a decision token from Cockpit."""
    return {"refund_id": f"rf_{order_id}", "order_id": order_id, "amount": amount, "currency": currency}


def main() -> int:
    cockpit = Cockpit(agent="refund-agent")  # COCKPIT_URL and COCKPIT_API_KEY from the environment
    outcome = 0
    with cockpit.start_run("refund-agent", tags=["example"], metadata={"env": "dev"}) as run:
        print(f"Run {run.id} started; ticket: {sanitize(TICKET)}")
        run.step("prompt", name="ticket", input={"content": TICKET})

        with run.tool_step("lookup_order", input={"order_id": "A-1001"}) as lookup:
            order = ORDERS["A-1001"]
            lookup.output = order

        # A scripted stand-in for the model: refund broken orders in full.
        with run.model_step("scripted-planner", input={"ticket": TICKET, "order": order}) as plan:
            plan.output = {"action": "refund", "amount": order["total"]}
            plan.usage = {"input_tokens": 57, "output_tokens": 9}

        try:
            refund = issue_refund(order["id"], order["total"], order["currency"])
            print(f"Refund issued: {refund['refund_id']} for {refund['amount']} {refund['currency']}")
        except BlockedError as error:
            print(f"Refund blocked by policy: {'; '.join(error.reasons) or 'no reason given'}")
        except DeniedError as error:
            print(f"Refund denied: {error.reason or 'no reason given'}")
        except ApprovalTimeoutError:
            print("Nobody approved the refund in time; escalating to a human agent.")
        except GateUnavailableError as error:
            print(f"No decision from Cockpit, so no refund: {error}", file=sys.stderr)
            outcome = 1

    delivered = cockpit.close()
    print(f"Trace {'delivered' if delivered else 'NOT fully delivered'}: run {run.id}")
    return outcome if delivered else 1


if __name__ == "__main__":
    sys.exit(main())
