"""The Cockpit client: configuration, the run tracer and the delivery thread."""

from __future__ import annotations

import os
import threading
from types import TracebackType
from typing import Any, Callable, Iterable, Mapping, Optional, Type

from .errors import CockpitError
from .tracer import Run, Timestamp, new_id, timestamp
from .transport import Response, RetryPolicy, Transport
from .uploader import Uploader

__all__ = ["Cockpit"]


class Cockpit:
    """A connection to a Cockpit server, authenticated with a project API key.

    ``base_url`` and ``api_key`` default to the ``COCKPIT_URL`` and ``COCKPIT_API_KEY`` environment
    variables. Steps are sent in batches from a background thread, at the latest every
    ``flush_interval`` seconds or as soon as ``batch_size`` steps wait; :meth:`Run.finish`,
    :meth:`close` and interpreter exit flush what is left. Failed requests are retried as the
    protocol says (429, 502, 503, 504 and network errors, with backoff); delivery errors are logged
    on the ``cockpit_sdk`` logger and passed to ``on_error``.

    ``agent`` and ``environment`` are sent with every gated tool call (see :func:`hitl_gate`).
    With ``redact_payloads`` the free-form step fields are sanitised (:func:`sanitize`) before they
    leave the process; the server redacts them anyway before storing them.
    """

    def __init__(
        self,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        agent: Optional[str] = None,
        environment: Optional[str] = None,
        batch_size: int = 100,
        flush_interval: float = 1.0,
        timeout: float = 30.0,
        max_retries: int = 5,
        shutdown_timeout: float = 10.0,
        redact_payloads: bool = False,
        on_error: Optional[Callable[[CockpitError], None]] = None,
        transport: Optional[Transport] = None,
    ) -> None:
        base_url = base_url or os.environ.get("COCKPIT_URL")
        api_key = api_key or os.environ.get("COCKPIT_API_KEY")
        if transport is None:
            if not base_url:
                raise ValueError("base_url is required (or set COCKPIT_URL)")
            if not api_key:
                raise ValueError("api_key is required (or set COCKPIT_API_KEY)")
            retry = RetryPolicy(max_retries=max_retries)
            transport = Transport(base_url, api_key, timeout=timeout, retry=retry)
        self.transport = transport
        self.agent = agent
        self.environment = environment
        self.shutdown_timeout = shutdown_timeout
        self.redact_payloads = redact_payloads
        self._uploader = Uploader(
            transport,
            batch_size=batch_size,
            flush_interval=flush_interval,
            shutdown_timeout=shutdown_timeout,
            on_error=on_error,
        )
        self._closed = False
        self._close_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Cockpit(base_url={self.transport.base_url!r})"

    def start_run(
        self,
        name: Optional[str] = None,
        *,
        tags: Iterable[str] = (),
        metadata: Optional[Mapping[str, Any]] = None,
        run_id: Optional[str] = None,
        started_at: Timestamp = None,
    ) -> Run:
        """Start a run. Its id is chosen here (a UUID), so a retried creation is idempotent; the
        run is created on the server in the background, before its first steps.

        ``metadata`` is free-form; ``env``, ``release`` and ``agent_version`` are indexed for search.
        """
        return Run(self, run_id or new_id(), name, tags, metadata or {}, timestamp(started_at))

    def request(self, method: str, path: str, body: Any = None, **options: Any) -> Any:
        """Call any API endpoint with this client's key and retry rules; returns the JSON answer."""
        response: Response = self.transport.request(method, path, body, **options)
        return response.body

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Send everything queued so far; True when nothing is left waiting."""
        return self._uploader.flush(timeout)

    def close(self, timeout: Optional[float] = None) -> bool:
        """Flush (for at most ``timeout``, by default ``shutdown_timeout`` seconds) and stop the thread."""
        with self._close_lock:
            if self._closed:
                return self._uploader.flush(0)
            self._closed = True
        return self._uploader.close(self.shutdown_timeout if timeout is None else timeout)

    def __enter__(self) -> "Cockpit":
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()
