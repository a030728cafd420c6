"""The human-in-the-loop gate: a tool runs only with a decision token from Cockpit.

Per call (PROTOCOL.md, "Gating a tool call"): evaluate the policies with ``issue_token: true``;
``allow`` gives a token, ``block`` raises :class:`BlockedError`, ``require_approval`` creates an
approval and long-polls it until a human decides (:class:`DeniedError`) or time runs out
(:class:`ApprovalTimeoutError`). Only with a token does the wrapped function run; its call is then
reported as a ``tool`` step carrying the token, which the server verifies.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Dict, Mapping, Optional, TypeVar, Union, cast

from .canonical_json import payload_hash
from .errors import (
    ApprovalTimeoutError,
    BlockedError,
    CockpitError,
    DeniedError,
    GateError,
    GateUnavailableError,
)
from .jsonable import to_jsonable
from .tracer import Run, current_run, current_step, new_id, timestamp

if TYPE_CHECKING:
    from .client import Cockpit

__all__ = ["hitl_gate", "Decision"]

logger = logging.getLogger("cockpit_sdk")

F = TypeVar("F", bound=Callable[..., Any])
RunSource = Union[Run, Callable[[], Optional[Run]], None]
Summary = Union[str, Callable[[Dict[str, Any]], str], None]

#: The server answers a long poll after at most this many seconds.
MAX_WAIT = 30
#: Polls that come back pending sooner than this are spaced out to this interval.
MIN_POLL_INTERVAL = 1.0
#: Extra time given to a long poll's HTTP request beyond its ``wait``.
POLL_GRACE = 15.0


@dataclass(frozen=True)
class Decision:
    """How a gated call was allowed: the token, and the approval that granted it (if any)."""

    token: str
    step_id: str
    payload_hash: Optional[str]
    approval: Optional[Mapping[str, Any]] = None


def hitl_gate(
    tool: str,
    *,
    risk: str = "high",
    summary: Summary = None,
    timeout: float = 300.0,
    run: RunSource = None,
    client: Optional["Cockpit"] = None,
    agent: Optional[str] = None,
    environment: Optional[str] = None,
    on_pending: Optional[Callable[[Mapping[str, Any]], None]] = None,
) -> Callable[[F], F]:
    """Gate a function as the tool ``tool``: it runs only when Cockpit issues a decision token.

    ``run`` is the :class:`Run` (or a callable returning it) the call belongs to; by default the
    current run (``with run:``). Without either, ``client`` is used to record each call in a run of
    its own (named after the tool).
    ``risk`` and ``summary`` (a string, or a function of the arguments) describe the call to the
    approver; ``timeout`` bounds the wait for a human, in seconds. ``on_pending`` is called with the
    approval when one is created (say, to print where to approve it).

    The call's arguments are bound to the function's parameter names and sent as the tool's
    ``arguments`` (policies match on them; the token is bound to their hash). Raises
    :class:`BlockedError`, :class:`DeniedError`, :class:`ApprovalTimeoutError` or
    :class:`GateUnavailableError` (all :class:`GateError`) without calling the function. Works on
    plain and ``async`` functions.
    """

    def decorate(function: F) -> F:
        gate = _Gate(
            tool=tool,
            risk=risk,
            summary=summary,
            timeout=timeout,
            run=run,
            client=client,
            agent=agent,
            environment=environment,
            on_pending=on_pending,
            signature=inspect.signature(function),
        )
        if inspect.iscoroutinefunction(function):

            @functools.wraps(function)
            async def async_gated(*args: Any, **kwargs: Any) -> Any:
                with gate.prepare(args, kwargs) as call:
                    decision = await asyncio.to_thread(gate.decide, call)
                    started_at = timestamp()
                    try:
                        result = await cast(Callable[..., Awaitable[Any]], function)(*args, **kwargs)
                    except BaseException as error:
                        gate.report(call, decision, started_at, error=error)
                        raise
                    gate.report(call, decision, started_at, output=result)
                    return result

            return cast(F, async_gated)

        @functools.wraps(function)
        def gated(*args: Any, **kwargs: Any) -> Any:
            with gate.prepare(args, kwargs) as call:
                decision = gate.decide(call)
                started_at = timestamp()
                try:
                    result = function(*args, **kwargs)
                except BaseException as error:
                    gate.report(call, decision, started_at, error=error)
                    raise
                gate.report(call, decision, started_at, output=result)
                return result

        return cast(F, gated)

    return decorate


class _Call:
    """One gated call: its run and arguments. A run the gate started for the call alone is finished
    (in the background) when the call is over."""

    def __init__(self, run: Run, arguments: Dict[str, Any], own_run: bool) -> None:
        self.run = run
        self.arguments = arguments
        self.own_run = own_run

    def __enter__(self) -> "_Call":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self.own_run:
            self.run.finish("succeeded" if exc is None else "failed", wait=False)


class _Gate:
    def __init__(
        self,
        *,
        tool: str,
        risk: str,
        summary: Summary,
        timeout: float,
        run: RunSource,
        client: Optional["Cockpit"],
        agent: Optional[str],
        environment: Optional[str],
        on_pending: Optional[Callable[[Mapping[str, Any]], None]],
        signature: inspect.Signature,
    ) -> None:
        self.tool = tool
        self.risk = risk
        self.summary = summary
        self.timeout = timeout
        self.run = run
        self.client = client
        self.agent = agent
        self.environment = environment
        self.on_pending = on_pending
        self.signature = signature

    # -- before the call -------------------------------------------------------------------------

    def prepare(self, args: tuple, kwargs: Mapping[str, Any]) -> _Call:
        """The run of this call and its arguments by parameter name (defaults included)."""
        bound = self.signature.bind(*args, **kwargs)  # a wrong call fails here, as it would unwrapped
        bound.apply_defaults()
        parameters = list(self.signature.parameters)
        arguments = {
            name: value
            for name, value in bound.arguments.items()
            if not (name in ("self", "cls") and parameters and parameters[0] == name)
        }
        run = (self.run() if callable(self.run) else self.run) or current_run()
        own_run = False
        if run is None:
            if self.client is None:
                raise GateError(
                    f"{self.tool} needs a run: call it inside `with run:` or pass run= or client=",
                    tool=self.tool,
                )
            run = self.client.start_run(self.tool, tags=["hitl_gate"])
            own_run = True
        return _Call(run, to_jsonable(arguments), own_run)

    def decide(self, call: _Call) -> Decision:
        """Ask Cockpit; returns the decision token or raises a :class:`GateError`."""
        run, arguments = call.run, call.arguments
        started = time.monotonic()
        step_id = new_id()
        ids = {"run_id": run.id, "step_id": step_id}
        client = run.client
        try:
            run._ensure_created()
            body: Dict[str, Any] = {
                "agent": self.agent or client.agent or run.name or "python-agent",
                "tool": self.tool,
                "arguments": arguments,
                "risk": self.risk,
                "run_id": run.id,
                "step_id": step_id,
                "issue_token": True,
            }
            environment = self.environment or client.environment
            if environment:
                body["environment"] = environment
            evaluation = client.request("POST", "/v1/policies:evaluate", body)
        except CockpitError as error:
            raise GateUnavailableError(
                f"{self.tool}: no policy decision ({error})", tool=self.tool, cause=error, **ids
            ) from error
        if not isinstance(evaluation, dict):
            raise self._unavailable(f"{self.tool}: unexpected evaluation {evaluation!r}", ids)
        self._check_hash(evaluation.get("payload_hash"), arguments)
        decision = evaluation.get("decision")
        if decision == "allow":
            return self._with_token(evaluation, step_id, ids)
        if decision == "block":
            raise BlockedError(
                tool=self.tool,
                reasons=evaluation.get("reasons") or [],
                policy_version=evaluation.get("policy_version"),
                **ids,
            )
        if decision == "require_approval":
            return self._approval(run, arguments, step_id, started, ids)
        raise GateUnavailableError(f"{self.tool}: unknown decision {decision!r}", tool=self.tool, **ids)

    def _approval(
        self, run: Run, arguments: Dict[str, Any], step_id: str, started: float, ids: Dict[str, str]
    ) -> Decision:
        client = run.client
        deadline = started + self.timeout
        summary = self.summary(arguments) if callable(self.summary) else self.summary
        body = {
            "run_id": run.id,
            "step_id": step_id,
            "tool": self.tool,
            "arguments": arguments,
            "risk": self.risk,
            "summary": summary or f"{client.agent or run.name or 'An agent'} wants to call {self.tool}",
        }
        try:
            approval = client.request("POST", "/v1/approvals", body)
        except CockpitError as error:
            raise GateUnavailableError(
                f"{self.tool}: could not request an approval ({error})", tool=self.tool, cause=error, **ids
            ) from error
        approval_id = str(approval.get("id")) if isinstance(approval, dict) else "?"
        self._pending(approval)
        while True:
            if not isinstance(approval, dict):
                raise self._unavailable(f"{self.tool}: unexpected approval {approval!r}", ids)
            status = approval.get("status")
            if status == "approved":
                return self._with_token(approval, step_id, ids, approval)
            if status == "denied":
                raise DeniedError(
                    tool=self.tool,
                    approval_id=approval_id,
                    reason=approval.get("reason"),
                    decided_by=approval.get("decided_by"),
                    **ids,
                )
            if status == "expired":
                raise ApprovalTimeoutError(tool=self.tool, approval_id=approval_id, expired=True, **ids)
            if status != "pending":
                raise self._unavailable(f"{self.tool}: unknown approval status {status!r}", ids)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ApprovalTimeoutError(tool=self.tool, approval_id=approval_id, expired=False, **ids)
            wait = max(1, min(MAX_WAIT, math.ceil(remaining)))
            polled = time.monotonic()
            try:
                approval = client.request(
                    "GET",
                    f"/v1/approvals/{approval_id}",
                    query={"wait": wait},
                    timeout=wait + POLL_GRACE,
                    # The poll itself may end a little after the gate's deadline (wait is whole seconds).
                    deadline=deadline + POLL_GRACE,
                )
            except CockpitError as error:
                raise GateUnavailableError(
                    f"{self.tool}: lost track of approval {approval_id} ({error})",
                    tool=self.tool,
                    cause=error,
                    **ids,
                ) from error
            still_pending = isinstance(approval, dict) and approval.get("status") == "pending"
            if still_pending and time.monotonic() - polled < MIN_POLL_INTERVAL:
                # A server (or proxy) that ignores `wait` must not turn the long poll into a busy loop.
                time.sleep(max(0.0, min(MIN_POLL_INTERVAL, deadline - time.monotonic())))

    def _pending(self, approval: Any) -> None:
        if not isinstance(approval, dict) or approval.get("status") != "pending":
            return
        logger.info(
            "cockpit: %s is waiting for approval %s (expires %s)",
            self.tool,
            approval.get("id"),
            approval.get("expires_at"),
        )
        if self.on_pending is not None:
            self.on_pending(approval)

    def _with_token(
        self,
        answer: Mapping[str, Any],
        step_id: str,
        ids: Dict[str, str],
        approval: Optional[Mapping[str, Any]] = None,
    ) -> Decision:
        token = answer.get("decision_token")
        if not isinstance(token, str) or not token:
            raise self._unavailable(f"{self.tool}: allowed, but no decision token was issued", ids)
        return Decision(token, step_id, answer.get("payload_hash"), approval)

    def _check_hash(self, server_hash: Any, arguments: Dict[str, Any]) -> None:
        if isinstance(server_hash, str) and server_hash != payload_hash(self.tool, arguments):
            # The server will refuse the tool step; worth saying where the mismatch comes from.
            logger.warning(
                "cockpit: the server hashed the arguments of %s differently (%s): expect the step refused",
                self.tool,
                server_hash,
            )

    def _unavailable(self, message: str, ids: Dict[str, str]) -> GateUnavailableError:
        return GateUnavailableError(message, tool=self.tool, **ids)

    # -- after the call --------------------------------------------------------------------------

    def report(
        self,
        call: _Call,
        decision: Decision,
        started_at: str,
        *,
        output: Any = None,
        error: Optional[BaseException] = None,
    ) -> None:
        """Report the call as a ``tool`` step with the decision token (sent right away)."""
        step: Dict[str, Any] = {
            "id": new_id(),
            "kind": "tool",
            "name": self.tool,
            "tool": self.tool,
            "input": call.arguments,
            "started_at": started_at,
            "ended_at": timestamp(),
            "decision_token": decision.token,
        }
        parent = current_step()
        if parent is not None and parent.run is call.run:
            step["parent_id"] = parent.id
        if error is not None:
            step["error"] = {"type": type(error).__name__, "message": str(error)}
        elif output is not None:
            step["output"] = output
        call.run._record(step, urgent=True)
