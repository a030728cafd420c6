"""HTTP to the Cockpit API with the protocol's retry rules (urllib only)."""

from __future__ import annotations

import email.utils
import http.client
import json
import logging
import random
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from ._version import __version__
from .errors import ApiError, TransportError

__all__ = ["Transport", "Response", "RetryPolicy"]

logger = logging.getLogger("cockpit_sdk")

#: Statuses the protocol says to retry; every other 4xx/5xx is final.
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
#: Refused, reset, timed out, DNS... (URLError and socket.timeout are OSErrors too).
_NETWORK_ERRORS = (OSError, http.client.HTTPException)


@dataclass(frozen=True)
class Response:
    """A successful (2xx) answer."""

    status: int
    body: Any
    headers: Mapping[str, str]


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter: retry ``n`` waits a random time in
    ``[0, min(max_delay, base_delay * 2**n)]``, or at least what ``Retry-After`` asks (up to
    ``max_retry_after``)."""

    max_retries: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 120.0

    def delay(
        self, attempt: int, retry_after: Optional[float], rand: Callable[[], float] = random.random
    ) -> float:
        backoff = rand() * min(self.max_delay, self.base_delay * (2**attempt))
        if retry_after is not None:
            return max(backoff, min(retry_after, self.max_retry_after))
        return backoff


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Transport:
    """Sends JSON requests with the API key, retrying 429/502/503/504 and network errors.

    ``sleep`` and ``rand`` are injectable so tests need not wait.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        retry: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
        user_agent: Optional[str] = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self.timeout = timeout
        self.retry = retry
        self._sleep = sleep
        self._rand = rand
        self._user_agent = user_agent or f"cockpit-sdk-python/{__version__}"

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw_body: Optional[bytes] = None,
        query: Optional[Mapping[str, Any]] = None,
        timeout: Optional[float] = None,
        deadline: Optional[float] = None,
    ) -> Response:
        """Send one request (retrying as the protocol says) and return the 2xx answer.

        ``body`` is serialised as JSON (it must be JSON-compatible); ``raw_body`` is sent as is. Raises
        :class:`ApiError` for a final error status and :class:`TransportError` when the server stays
        unreachable. ``deadline`` (a ``time.monotonic()`` value) stops retrying early.
        """
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = raw_body
        if data is None and body is not None:
            data = json.dumps(body, allow_nan=False).encode("utf-8")
        attempt = 0
        while True:
            attempt_timeout = timeout or self.timeout
            if deadline is not None:
                attempt_timeout = max(0.1, min(attempt_timeout, deadline - time.monotonic()))
            try:
                return self._send(method, url, data, attempt_timeout)
            except ApiError as error:
                if not error.retryable:
                    raise
                failure: Exception = error
                retry_after = error.retry_after
            except _NETWORK_ERRORS as error:
                failure = TransportError(method, path, error)
                retry_after = None
            if attempt >= self.retry.max_retries:
                raise failure
            delay = self.retry.delay(attempt, retry_after, self._rand)
            if deadline is not None and time.monotonic() + delay > deadline:
                raise failure
            logger.debug("cockpit: %s %s failed (%s); retrying in %.2fs", method, path, failure, delay)
            self._sleep(delay)
            attempt += 1

    def _send(self, method: str, url: str, data: Optional[bytes], timeout: float) -> Response:
        headers = {
            "Authorization": f"Bearer {self._api_key}",
            "Accept": "application/json",
            "User-Agent": self._user_agent,
        }
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        path = urllib.parse.urlsplit(url).path
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return Response(answer.status, _json(answer.read()), dict(answer.headers.items()))
        except urllib.error.HTTPError as answer:
            with answer:
                payload = _json(answer.read())
            problem = payload if isinstance(payload, dict) else {"detail": str(payload or "")}
            retry_after = parse_retry_after(answer.headers.get("Retry-After") if answer.headers else None)
            raise ApiError(method, path, answer.code, problem, retry_after=retry_after) from None


def _json(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return raw.decode("utf-8", "replace")
