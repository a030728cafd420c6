"""Retries as the protocol says: 429/502/503/504 and network errors with backoff, nothing else."""

from __future__ import annotations

import socket
import unittest

from cockpit_sdk import ApiError, TransportError
from cockpit_sdk.transport import RetryPolicy, Transport, parse_retry_after
from fake_cockpit import API_KEY, FakeCockpit


class Sleeps:
    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)


def transport(url, sleeps, **retry):
    policy = RetryPolicy(**{"base_delay": 0.5, "max_delay": 4.0, **retry})
    return Transport(url, API_KEY, timeout=5, retry=policy, sleep=sleeps, rand=lambda: 1.0)


class RetryTest(unittest.TestCase):
    def setUp(self):
        self.fake = FakeCockpit().__enter__()
        self.addCleanup(self.fake.__exit__, None, None, None)
        self.sleeps = Sleeps()

    def test_retries_retryable_statuses_with_exponential_backoff(self):
        for status in (429, 502, 503, 504):
            self.fake.fail("/v1/runs", status, times=1)
        answer = transport(self.fake.url, self.sleeps).request("POST", "/v1/runs", {"id": "r1"})
        self.assertEqual(answer.status, 201)
        self.assertEqual(self.sleeps.delays, [0.5, 1.0, 2.0, 4.0])
        self.assertEqual(self.fake.paths(), ["/v1/runs"] * 5)

    def test_honours_retry_after(self):
        self.fake.fail("/v1/runs", 429, headers={"Retry-After": "7"})
        transport(self.fake.url, self.sleeps).request("POST", "/v1/runs", {"id": "r1"})
        self.assertEqual(self.sleeps.delays, [7.0])

    def test_never_retries_other_client_errors(self):
        for status in (400, 401, 403, 404, 409, 422):
            self.fake.fail("/v1/runs", status)
            with self.assertRaises(ApiError) as raised:
                transport(self.fake.url, self.sleeps).request("POST", "/v1/runs", {"id": "r1"})
            self.assertEqual(raised.exception.status, status)
            self.assertEqual(raised.exception.detail, "injected failure")
            self.assertEqual(raised.exception.type, f"https://cockpit.dev/problems/{status}")
        self.assertEqual(self.sleeps.delays, [])
        self.assertEqual(len(self.fake.paths()), 6)

    def test_gives_up_after_max_retries_with_the_last_error(self):
        self.fake.fail("/v1/runs", 503, times=10)
        with self.assertRaises(ApiError) as raised:
            transport(self.fake.url, self.sleeps, max_retries=2).request("POST", "/v1/runs", {"id": "r1"})
        self.assertEqual(raised.exception.status, 503)
        self.assertEqual(len(self.fake.paths()), 3)

    def test_sends_the_api_key_as_a_bearer_token(self):
        answer = transport(self.fake.url, self.sleeps).request("POST", "/v1/runs", {"id": "r"})
        self.assertEqual(answer.status, 201)
        self.assertEqual(self.fake.requests[0].headers["Authorization"], f"Bearer {API_KEY}")
        bad = Transport(self.fake.url, "ck_wrong", sleep=self.sleeps)
        with self.assertRaises(ApiError) as raised:
            bad.request("POST", "/v1/runs", {"id": "r"})
        self.assertEqual(raised.exception.status, 401)


class NetworkErrorTest(unittest.TestCase):
    def test_retries_network_errors_then_raises_a_transport_error(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        sleeps = Sleeps()
        with self.assertRaises(TransportError):
            transport(f"http://127.0.0.1:{port}", sleeps, max_retries=3).request("GET", "/v1/runs")
        self.assertEqual(sleeps.delays, [0.5, 1.0, 2.0])


class BackoffTest(unittest.TestCase):
    def test_full_jitter_is_capped_and_retry_after_is_a_floor(self):
        policy = RetryPolicy(base_delay=0.5, max_delay=4.0, max_retry_after=60)
        self.assertEqual(policy.delay(10, None, lambda: 1.0), 4.0)
        self.assertEqual(policy.delay(1, None, lambda: 0.25), 0.25)
        self.assertEqual(policy.delay(0, 3.0, lambda: 0.5), 3.0)
        self.assertEqual(policy.delay(0, 600.0, lambda: 0.5), 60)

    def test_parses_both_retry_after_forms(self):
        self.assertEqual(parse_retry_after("12"), 12.0)
        self.assertEqual(parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0), 10.0)
        self.assertIsNone(parse_retry_after("soon"))
        self.assertIsNone(parse_retry_after(None))


if __name__ == "__main__":
    unittest.main()
