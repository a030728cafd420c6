"""Runs and steps: what an agent records while it works."""

from __future__ import annotations

import contextvars
import datetime
import logging
import threading
import uuid
from types import TracebackType
from typing import TYPE_CHECKING, Any, Dict, Iterable, Mapping, Optional, Type, Union

from .jsonable import to_jsonable
from .redaction import sanitize
from .uploader import RunState

if TYPE_CHECKING:
    from .client import Cockpit

__all__ = ["Run", "Step", "current_run", "current_step", "STEP_KINDS", "RUN_STATUSES"]

logger = logging.getLogger("cockpit_sdk")

STEP_KINDS = frozenset({"prompt", "model", "tool", "policy", "approval", "error", "retrieval", "custom"})
RUN_STATUSES = frozenset({"succeeded", "failed", "cancelled"})
#: Optional step fields of the protocol (besides id, kind and started_at).
STEP_FIELDS = frozenset(
    {
        "name",
        "parent_id",
        "ended_at",
        "model",
        "model_params",
        "tool",
        "input",
        "output",
        "usage",
        "cost_usd",
        "error",
        "decision_token",
        "metadata",
    }
)
#: Free-form fields that may hold secrets (``redact_payloads`` sanitises them before sending).
_PAYLOAD_FIELDS = ("input", "output", "error", "metadata", "model_params")

Timestamp = Union[datetime.datetime, str, None]

_current_run: contextvars.ContextVar[Optional["Run"]] = contextvars.ContextVar("cockpit_run", default=None)
_current_step: contextvars.ContextVar[Optional["Step"]] = contextvars.ContextVar("cockpit_step", default=None)


def current_run() -> Optional["Run"]:
    """The run of the innermost ``with run:`` block (in this thread or task), if any."""
    return _current_run.get()


def current_step() -> Optional["Step"]:
    """The step of the innermost ``with run.start_step(...):`` block, if any."""
    return _current_step.get()


def new_id() -> str:
    """A fresh client-chosen id (a UUID)."""
    return str(uuid.uuid4())


def timestamp(value: Timestamp = None) -> str:
    """ISO 8601 in UTC with milliseconds (``2026-11-20T10:00:00.123Z``); naive datetimes are taken as UTC."""
    if isinstance(value, str):
        return value
    moment = value or datetime.datetime.now(datetime.timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _check_kind(kind: str) -> None:
    if kind not in STEP_KINDS:
        raise ValueError(f"unknown step kind {kind!r}; expected one of {sorted(STEP_KINDS)}")


def _check_fields(fields: Iterable[str]) -> None:
    unknown = sorted(set(fields) - STEP_FIELDS)
    if unknown:
        raise TypeError(f"unknown step field(s) {unknown}; the API accepts {sorted(STEP_FIELDS)}")


class Run:
    """A traced agent run. Create it with :meth:`Cockpit.start_run`.

    Use it as a context manager to make it the current run (for nested steps and gated tools) and to
    finish it when the block ends: ``succeeded``, or ``failed`` if an exception escapes.
    """

    def __init__(
        self,
        client: "Cockpit",
        run_id: str,
        name: Optional[str],
        tags: Iterable[str],
        metadata: Mapping[str, Any],
        started_at: str,
    ) -> None:
        self.id = run_id
        self.name = name
        self.tags = list(tags)
        self.metadata = dict(metadata)
        self.started_at = started_at
        self.client = client
        body: Dict[str, Any] = {"id": run_id, "started_at": started_at}
        if name is not None:
            body["name"] = name
        if self.tags:
            body["tags"] = self.tags
        if self.metadata:
            body["metadata"] = self._payload(to_jsonable(self.metadata))
        self._state = RunState(run_id, body)
        self._status: Optional[str] = None
        self._lock = threading.Lock()
        self._tokens: list = []
        client._uploader.add_run(self._state)

    def __repr__(self) -> str:
        return f"Run(id={self.id!r}, name={self.name!r}, status={self._status or 'running'!r})"

    @property
    def status(self) -> str:
        """``running`` until :meth:`finish`, then the final status."""
        return self._status or "running"

    # -- steps -----------------------------------------------------------------------------------

    def step(
        self, kind: str, *, id: Optional[str] = None, started_at: Timestamp = None, **fields: Any
    ) -> str:
        """Record a complete step now and return its id.

        ``fields`` are the protocol's step fields: ``name``, ``parent_id``, ``ended_at``, ``model``,
        ``model_params``, ``tool``, ``input``, ``output``, ``usage`` (``{"input_tokens",
        "output_tokens"}``), ``cost_usd``, ``error``, ``decision_token``, ``metadata``. Values are
        converted to JSON (see :func:`cockpit_sdk.to_jsonable`). Inside ``with run.start_step(...)``
        the enclosing step is the default ``parent_id``.
        """
        _check_kind(kind)
        _check_fields(fields)
        step: Dict[str, Any] = {"id": id or new_id(), "kind": kind, "started_at": timestamp(started_at)}
        if "parent_id" not in fields:
            parent = _current_step.get()
            if parent is not None and parent.run is self:
                step["parent_id"] = parent.id
        for name, value in fields.items():
            if value is None:
                continue
            step[name] = timestamp(value) if name == "ended_at" else value
        self._record(step)
        return step["id"]

    def start_step(self, kind: str, *, name: Optional[str] = None, **fields: Any) -> "Step":
        """Begin a step that ends when its ``with`` block does (or at :meth:`Step.end`).

        >>> with run.start_step("retrieval", name="kb", input={"q": "refund policy"}) as s:
        ...     s.output = search(...)
        """
        _check_kind(kind)
        _check_fields(fields)
        return Step(self, kind, name=name, fields=fields)

    def tool_step(self, tool: str, *, input: Any = None, name: Optional[str] = None, **fields: Any) -> "Step":
        """A ``tool`` step: ``with run.tool_step("search", input={"q": q}) as s: s.output = ...``."""
        return self.start_step("tool", name=name or tool, tool=tool, input=input, **fields)

    def model_step(
        self,
        model: str,
        *,
        input: Any = None,
        model_params: Optional[Mapping[str, Any]] = None,
        name: Optional[str] = None,
        **fields: Any,
    ) -> "Step":
        """A ``model`` step; set ``s.output`` and ``s.usage = {"input_tokens": .., "output_tokens": ..}``."""
        return self.start_step(
            "model", name=name or model, model=model, input=input, model_params=model_params, **fields
        )

    # -- lifecycle -------------------------------------------------------------------------------

    def finish(
        self,
        status: str = "succeeded",
        *,
        ended_at: Timestamp = None,
        wait: bool = True,
        timeout: Optional[float] = None,
    ) -> bool:
        """Finish the run and send everything queued (for at most ``timeout``, by default the
        client's ``shutdown_timeout``); True when all of it was delivered. With ``wait=False`` the
        finish is only queued, for the background thread.

        Finishing again with the same status does nothing; with another status raises ``ValueError``.
        """
        if status not in RUN_STATUSES:
            raise ValueError(f"unknown run status {status!r}; expected one of {sorted(RUN_STATUSES)}")
        with self._lock:
            if self._status is not None:
                if self._status != status:
                    raise ValueError(f"run {self.id} already finished as {self._status!r}")
                return self.client.flush(timeout) if wait else False
            self._status = status
        self.client._uploader.finish(self._state, {"status": status, "ended_at": timestamp(ended_at)})
        if not wait:
            return False
        return self.client.flush(self.client.shutdown_timeout if timeout is None else timeout)

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Send everything queued so far (of every run of the client)."""
        return self.client.flush(timeout)

    def __enter__(self) -> "Run":
        self._tokens.append(_current_run.set(self))
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        _current_run.reset(self._tokens.pop())
        if self._status is None:
            if exc_type is None:
                self.finish("succeeded")
            else:
                self.finish("cancelled" if issubclass(exc_type, KeyboardInterrupt) else "failed")

    # -- internals -------------------------------------------------------------------------------

    def _payload(self, value: Any) -> Any:
        return sanitize(value) if self.client.redact_payloads else value

    def _record(self, step: Dict[str, Any], *, urgent: bool = False) -> None:
        """Queue a step: fields are converted to JSON and, with ``redact_payloads``, sanitised.

        A gated tool step's input stays as it is: the decision token is bound to its hash (the
        server redacts it before storing it).
        """
        out: Dict[str, Any] = {}
        for name, value in step.items():
            value = to_jsonable(value)
            if name in _PAYLOAD_FIELDS and not (name == "input" and "decision_token" in step):
                value = self._payload(value)
            out[name] = value
        self.client._uploader.add_step(self._state, out, urgent=urgent)

    def _ensure_created(self) -> None:
        self.client._uploader.ensure_created(self._state)


class Step:
    """A step in progress. Set :attr:`output`, :attr:`error`, :attr:`usage`, :attr:`cost_usd` or
    :attr:`metadata` (or any step field with :meth:`set`); the step is recorded when it ends.

    Used as a context manager, it is the default parent of steps started inside the block, and an
    exception escaping the block is recorded as its ``error`` (and re-raised).
    """

    def __init__(self, run: Run, kind: str, *, name: Optional[str], fields: Mapping[str, Any]) -> None:
        self.run = run
        self.kind = kind
        self.id = new_id()
        self.name = name
        self.started_at = timestamp()
        self.output: Any = None
        self.error: Any = None
        self.usage: Optional[Mapping[str, int]] = None
        self.cost_usd: Optional[float] = None
        self.metadata: Optional[Mapping[str, Any]] = None
        self._fields: Dict[str, Any] = {}
        self._ended = False
        self._token: Optional[contextvars.Token] = None
        parent = _current_step.get()
        if "parent_id" not in fields and parent is not None and parent.run is run:
            self._fields["parent_id"] = parent.id
        self.set(**fields)

    def __repr__(self) -> str:
        return f"Step(id={self.id!r}, kind={self.kind!r}, name={self.name!r})"

    def set(self, **fields: Any) -> "Step":
        """Set step fields (``output=...``, ``model="..."``, ``usage={...}`` ...)."""
        _check_fields(fields)
        for name, value in fields.items():
            if name in ("output", "error", "usage", "cost_usd", "metadata", "name"):
                setattr(self, name, value)
            else:
                self._fields[name] = value
        return self

    def end(self, **fields: Any) -> None:
        """End the step now (once; later calls are ignored) and queue it for sending."""
        if self._ended:
            return
        self.set(**fields)
        self._ended = True
        recorded = dict(self._fields)
        recorded.setdefault("parent_id", None)  # never default to itself when ended inside its block
        recorded.setdefault("ended_at", timestamp())
        recorded.update(
            name=self.name,
            output=self.output,
            error=self.error,
            usage=self.usage,
            cost_usd=self.cost_usd,
            metadata=self.metadata,
        )
        self.run.step(self.kind, id=self.id, started_at=self.started_at, **recorded)

    def __enter__(self) -> "Step":
        self._token = _current_step.set(self)
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if self._token is not None:
            _current_step.reset(self._token)
            self._token = None
        if exc is not None and self.error is None:
            self.error = {"type": type(exc).__name__, "message": str(exc)}
        self.end()
