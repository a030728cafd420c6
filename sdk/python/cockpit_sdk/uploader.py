"""Background delivery of runs, steps and finishes, in order, in batches.

Each run has a small state (created yet? steps waiting? finish waiting?). A daemon thread drains
every state once ``flush_interval`` passes or ``batch_size`` steps wait; ``flush()`` drains in the
calling thread. One drain runs at a time, so a run is always created before its steps are sent and
its finish goes after them.
"""

from __future__ import annotations

import atexit
import json
import logging
import threading
import time
import weakref
from typing import Any, Callable, Dict, List, Optional

from .errors import ApiError, CockpitError, StepsRejectedError, TransportError
from .transport import Transport

__all__ = ["Uploader", "RunState"]

logger = logging.getLogger("cockpit_sdk")

#: The protocol's limits of one step batch.
MAX_STEPS_PER_BATCH = 1000
MAX_BATCH_BYTES = 5 * 1024 * 1024


class RunState:
    """What is still to be sent for one run. Guarded by the uploader's lock."""

    def __init__(self, run_id: str, create_body: Dict[str, Any]) -> None:
        self.run_id = run_id
        self.create_body = create_body
        self.created = False
        #: Set when the server refused to create the run: its steps cannot be stored.
        self.failed: Optional[CockpitError] = None
        self.steps: List[bytes] = []
        self.finish_body: Optional[Dict[str, Any]] = None
        self.create_lock = threading.Lock()


def _transient(error: CockpitError) -> bool:
    return isinstance(error, TransportError) or (isinstance(error, ApiError) and error.retryable)


class Uploader:
    """Queues run writes and sends them from a daemon thread (started on first use)."""

    def __init__(
        self,
        transport: Transport,
        *,
        batch_size: int = 100,
        flush_interval: float = 1.0,
        shutdown_timeout: float = 10.0,
        max_queue: int = 10_000,
        max_batch_bytes: int = MAX_BATCH_BYTES - 64 * 1024,
        on_error: Optional[Callable[[CockpitError], None]] = None,
    ) -> None:
        if not 1 <= batch_size <= MAX_STEPS_PER_BATCH:
            raise ValueError(f"batch_size must be between 1 and {MAX_STEPS_PER_BATCH}")
        self._transport = transport
        self._batch_size = batch_size
        self._flush_interval = flush_interval
        self._shutdown_timeout = shutdown_timeout
        self._max_queue = max_queue
        self._max_batch_bytes = max_batch_bytes
        self._on_error = on_error
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._send_lock = threading.Lock()
        self._pending: Dict[str, RunState] = {}  # runs with something to send, in arrival order
        self._queued_steps = 0
        self._urgent = False
        self._closed = False
        self._thread: Optional[threading.Thread] = None

    # -- producers -------------------------------------------------------------------------------

    def add_run(self, state: RunState) -> None:
        """Schedule the creation of a run."""
        with self._lock:
            self._pending.setdefault(state.run_id, state)
            self._start_worker()

    def add_step(self, state: RunState, step: Dict[str, Any], *, urgent: bool = False) -> None:
        """Queue a step (already JSON-compatible); ``urgent`` asks the worker to send it right away."""
        encoded = json.dumps(step, allow_nan=False).encode("utf-8")
        dropped = None
        with self._lock:
            if self._queued_steps >= self._max_queue:
                dropped = step.get("id")
            else:
                state.steps.append(encoded)
                self._queued_steps += 1
                self._pending.setdefault(state.run_id, state)
                if urgent or self._queued_steps >= self._batch_size:
                    self._urgent = True
                    self._wake.notify()
                self._start_worker()
        if dropped is not None:
            self._report(CockpitError(f"step {dropped} dropped: {self._max_queue} steps are already waiting"))

    def finish(self, state: RunState, body: Dict[str, Any]) -> None:
        """Queue the finish of a run; it is sent after every step queued before it."""
        with self._lock:
            state.finish_body = body
            self._pending.setdefault(state.run_id, state)
            self._urgent = True
            self._wake.notify()
            self._start_worker()

    def ensure_created(self, state: RunState) -> None:
        """Create the run now if it is not yet (the gate needs it on the server); raises on failure."""
        self._create(state, None)

    # -- delivery --------------------------------------------------------------------------------

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Send everything queued so far; True when nothing is left waiting."""
        deadline = None if timeout is None else time.monotonic() + timeout
        self._drain(deadline)
        with self._lock:
            return not self._pending

    def close(self, timeout: Optional[float] = None) -> bool:
        """Flush (by default for at most ``shutdown_timeout`` seconds), then stop the worker.

        Writes after ``close`` are only sent by an explicit ``flush``.
        """
        _live_uploaders.discard(self)
        flushed = self.flush(self._shutdown_timeout if timeout is None else timeout)
        if not flushed:
            logger.warning("cockpit: %d step(s) could not be delivered before shutdown", self.queued_steps)
        with self._lock:
            self._closed = True
            self._wake.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=1.0)
        return flushed

    def _start_worker(self) -> None:
        if self._thread is None and not self._closed:
            _live_uploaders.add(self)
            self._thread = threading.Thread(target=self._run_worker, name="cockpit-uploader", daemon=True)
            self._thread.start()

    def _run_worker(self) -> None:
        while True:
            with self._lock:
                if not self._urgent and not self._closed:
                    self._wake.wait(self._flush_interval)
                self._urgent = False
                if self._closed:
                    return
            try:
                self._drain(None)
            except Exception:  # noqa: BLE001 - the worker must survive anything
                logger.exception("cockpit: unexpected error while sending traces")

    def _drain(self, deadline: Optional[float]) -> None:
        # The worker may be retrying a batch right now: wait for it, but not past the deadline.
        wait = -1 if deadline is None else max(0.0, deadline - time.monotonic())
        if not self._send_lock.acquire(timeout=wait):
            return
        try:
            with self._lock:
                states = list(self._pending.values())
                self._pending.clear()
                work = []
                for state in states:
                    work.append((state, state.steps, state.finish_body))
                    self._queued_steps -= len(state.steps)
                    state.steps, state.finish_body = [], None
            for state, steps, finish_body in work:
                self._send_run(state, steps, finish_body, deadline)
        finally:
            self._send_lock.release()

    def _send_run(
        self,
        state: RunState,
        steps: List[bytes],
        finish_body: Optional[Dict[str, Any]],
        deadline: Optional[float],
    ) -> None:
        try:
            self._create(state, deadline)
        except CockpitError as error:
            if _transient(error):
                self._requeue(state, steps, finish_body)
                self._report(error)
            elif state.failed is None:
                state.failed = error  # the run will never exist: its steps are dropped from now on
                self._report(error)
            else:
                logger.debug("cockpit: dropped %d step(s) of uncreatable run %s", len(steps), state.run_id)
            return
        sent = 0
        for batch in self._batches(steps):
            try:
                self._send_batch(state, batch, deadline)
            except CockpitError as error:
                if _transient(error):
                    self._requeue(state, steps[sent:], finish_body)
                    self._report(error)
                    return
                self._report(error)  # refused as a whole: resending would not help
            sent += len(batch)
        if finish_body is not None:
            try:
                path = f"/v1/runs/{state.run_id}:finish"
                self._transport.request("POST", path, finish_body, deadline=deadline)
            except CockpitError as error:
                if _transient(error):
                    self._requeue(state, [], finish_body)
                self._report(error)

    def _create(self, state: RunState, deadline: Optional[float]) -> None:
        with state.create_lock:
            if state.failed:
                raise state.failed
            if not state.created:
                self._transport.request("POST", "/v1/runs", state.create_body, deadline=deadline)
                state.created = True

    def _batches(self, steps: List[bytes]) -> List[List[bytes]]:
        """Consecutive batches of at most ``batch_size`` steps and ``max_batch_bytes`` bytes."""
        batches: List[List[bytes]] = []
        batch: List[bytes] = []
        size = 0
        for step in steps:
            if batch and (len(batch) >= self._batch_size or size + len(step) + 16 > self._max_batch_bytes):
                batches.append(batch)
                batch, size = [], 0
            batch.append(step)
            size += len(step) + 1
        if batch:
            batches.append(batch)
        return batches

    def _send_batch(self, state: RunState, batch: List[bytes], deadline: Optional[float]) -> None:
        body = b'{"steps":[' + b",".join(batch) + b"]}"
        try:
            response = self._transport.request(
                "POST", f"/v1/runs/{state.run_id}/steps", raw_body=body, deadline=deadline
            )
        except ApiError as error:
            too_large = error.status == 413 or (error.type or "").endswith("/batch-too-large")
            if too_large and len(batch) > 1:  # the server's limit is lower than ours: split
                half = len(batch) // 2
                self._send_batch(state, batch[:half], deadline)
                self._send_batch(state, batch[half:], deadline)
                return
            raise
        if response.status == 207 and isinstance(response.body, dict):
            rejected = [result for result in response.body.get("results", []) if _refused(result)]
            if rejected:
                self._report(StepsRejectedError(state.run_id, rejected))

    def _requeue(self, state: RunState, steps: List[bytes], finish_body: Optional[Dict[str, Any]]) -> None:
        """Put unsent work back in front of what arrived meanwhile."""
        with self._lock:
            state.steps[:0] = steps
            self._queued_steps += len(steps)
            if finish_body is not None and state.finish_body is None:
                state.finish_body = finish_body
            self._pending.setdefault(state.run_id, state)

    def _report(self, error: CockpitError) -> None:
        logger.warning("cockpit: %s", error)
        if self._on_error is not None:
            try:
                self._on_error(error)
            except Exception:  # noqa: BLE001 - a failing callback must not stop delivery
                logger.exception("cockpit: on_error callback failed")

    @property
    def queued_steps(self) -> int:
        """Steps waiting to be sent."""
        with self._lock:
            return self._queued_steps


def _refused(result: Any) -> bool:
    """A per-step result of a 207: ``{"status": "rejected", "code": 4xx}`` (or a bare 4xx status)."""
    if not isinstance(result, dict):
        return False
    status, code = result.get("status"), result.get("code")
    if status == "rejected":
        return True
    return any(isinstance(value, int) and value >= 400 for value in (status, code))


_live_uploaders: "weakref.WeakSet[Uploader]" = weakref.WeakSet()


@atexit.register
def _flush_at_exit() -> None:
    """At interpreter exit, deliver what every open client still holds."""
    for uploader in list(_live_uploaders):
        try:
            uploader.close()
        except Exception:  # noqa: BLE001 - never fail the interpreter's shutdown
            logger.exception("cockpit: could not flush at exit")
