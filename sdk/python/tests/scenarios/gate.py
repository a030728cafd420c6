"""Call a gated issue_refund once and print what happened, one JSON object per line.

Usage: gate.py [timeout_seconds]. Prints {"event": "pending", "approval_id"} when an approval is
waiting (the test decides it), then {"event": "done", "outcome": "ran"|"blocked"|"denied"|"timeout"|
"unavailable", ...}.
"""

from __future__ import annotations

import json
import sys

from cockpit_sdk import (
    ApprovalTimeoutError,
    BlockedError,
    Cockpit,
    DeniedError,
    GateUnavailableError,
    hitl_gate,
)


def say(**event) -> None:
    print(json.dumps(event), flush=True)


def main() -> int:
    timeout = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    errors = []
    client = Cockpit(agent="refund-bot", on_error=errors.append)
    refunds = []

    @hitl_gate(
        "issue_refund",
        risk="high",
        summary=lambda args: f"Refund {args['amount']} {args['currency']} on order {args['order_id']}",
        timeout=timeout,
        on_pending=lambda approval: say(event="pending", approval_id=approval["id"]),
    )
    def issue_refund(order_id: str, amount: float, currency: str = "EUR") -> dict:
        refunds.append(order_id)
        return {"refund_id": f"rf_{order_id}", "amount": amount, "currency": currency}

    outcome = {}
    with client.start_run("python sdk gate", tags=["sdk", "gate"]) as run:
        try:
            outcome = {"outcome": "ran", "result": issue_refund("A-1001", 42.5)}
        except BlockedError as error:
            outcome = {"outcome": "blocked", "reasons": error.reasons}
        except DeniedError as error:
            outcome = {"outcome": "denied", "reason": error.reason}
        except ApprovalTimeoutError as error:
            outcome = {"outcome": "timeout", "expired": error.expired}
        except GateUnavailableError as error:
            outcome = {"outcome": "unavailable", "error": str(error)}
    delivered = client.close()
    say(
        event="done",
        run_id=run.id,
        refunds=refunds,
        delivered=delivered,
        errors=[str(e) for e in errors],
        **outcome,
    )
    return 0 if delivered and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
