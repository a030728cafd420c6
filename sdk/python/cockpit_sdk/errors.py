"""Typed errors of the SDK: all derive from :class:`CockpitError`, the gate's from :class:`GateError`."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

__all__ = [
    "CockpitError",
    "ApiError",
    "TransportError",
    "StepsRejectedError",
    "GateError",
    "BlockedError",
    "DeniedError",
    "ApprovalTimeoutError",
    "GateUnavailableError",
]


class CockpitError(Exception):
    """Base class of every error raised (or reported to ``on_error``) by the SDK."""


class ApiError(CockpitError):
    """The API answered with an error status; ``problem`` is its RFC 9457 body (may be empty)."""

    def __init__(
        self,
        method: str,
        path: str,
        status: int,
        problem: Optional[Mapping[str, Any]] = None,
        *,
        retry_after: Optional[float] = None,
    ) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.problem: Dict[str, Any] = dict(problem or {})
        #: Seconds the server asked to wait (``Retry-After``), if it did.
        self.retry_after = retry_after
        detail = self.problem.get("detail") or self.problem.get("title") or "request failed"
        super().__init__(f"{method} {path} -> {status}: {detail}")

    @property
    def type(self) -> Optional[str]:
        """The problem type URI (stable; e.g. ``https://cockpit.dev/problems/validation``)."""
        return self.problem.get("type")

    @property
    def detail(self) -> Optional[str]:
        return self.problem.get("detail")

    @property
    def retryable(self) -> bool:
        """Whether the protocol says to retry this status (429, 502, 503, 504)."""
        return self.status in (429, 502, 503, 504)


class TransportError(CockpitError):
    """The server could not be reached (connection refused, reset, timed out), after retries."""

    def __init__(self, method: str, path: str, cause: BaseException) -> None:
        self.method = method
        self.path = path
        self.cause = cause
        super().__init__(f"{method} {path}: {type(cause).__name__}: {cause}")


class StepsRejectedError(CockpitError):
    """Some steps of a batch were refused (a ``207`` answer); the others were stored.

    ``rejected`` holds the server's per-step results of the refused ones
    (``{"id", "status", "code", "error"}``).
    """

    def __init__(self, run_id: str, rejected: Sequence[Mapping[str, Any]]) -> None:
        self.run_id = run_id
        self.rejected: List[Mapping[str, Any]] = list(rejected)
        summary = ", ".join(f"{r.get('id')}: {r.get('code') or r.get('status')}" for r in self.rejected[:5])
        super().__init__(f"run {run_id}: {len(self.rejected)} step(s) rejected ({summary})")


class GateError(CockpitError):
    """A gated tool call did not run. The wrapped function was NOT called."""

    def __init__(
        self, message: str, *, tool: str, run_id: Optional[str] = None, step_id: Optional[str] = None
    ) -> None:
        self.tool = tool
        self.run_id = run_id
        self.step_id = step_id
        super().__init__(message)


class BlockedError(GateError):
    """A policy blocks this call (decision ``block``)."""

    def __init__(self, *, tool: str, reasons: Sequence[str], policy_version: Any = None, **ids: Any) -> None:
        self.reasons = list(reasons)
        self.policy_version = policy_version
        because = "; ".join(self.reasons) or "no reason given"
        super().__init__(f"{tool} is blocked by policy: {because}", tool=tool, **ids)


class DeniedError(GateError):
    """A human denied the approval of this call."""

    def __init__(
        self,
        *,
        tool: str,
        approval_id: str,
        reason: Optional[str] = None,
        decided_by: Any = None,
        **ids: Any,
    ) -> None:
        self.approval_id = approval_id
        self.reason = reason
        self.decided_by = decided_by
        because = reason or "no reason given"
        super().__init__(f"{tool} was denied (approval {approval_id}): {because}", tool=tool, **ids)


class ApprovalTimeoutError(GateError):
    """No decision in time: the approval expired on the server, or the gate's own timeout passed."""

    def __init__(self, *, tool: str, approval_id: Optional[str], expired: bool, **ids: Any) -> None:
        self.approval_id = approval_id
        self.expired = expired
        why = "the approval expired" if expired else "the gate's timeout passed"
        super().__init__(f"{tool} was not approved in time ({why}; approval {approval_id})", tool=tool, **ids)


class GateUnavailableError(GateError):
    """No decision could be obtained (server unreachable, refused the request, or answered oddly)."""

    def __init__(self, message: str, *, tool: str, cause: Optional[BaseException] = None, **ids: Any) -> None:
        self.cause = cause
        super().__init__(message, tool=tool, **ids)
