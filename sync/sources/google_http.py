"""gspread's HTTP client with a timeout on every request and a bounded retry of our own.

gspread sets no timeout by default, and its BackOffHTTPClient never gives up on a
persistent 429/5xx; a nightly cron job must finish, so every wait here has a limit.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Any, Callable

import google.auth.exceptions
import requests
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

# Seconds to open a connection: Google accepts one in well under a second when reachable.
CONNECT_TIMEOUT = 10.0
# Seconds to wait for an answer: a 10,000-row tab arrives in a few seconds.
READ_TIMEOUT = 60.0
DEFAULT_TIMEOUT = (CONNECT_TIMEOUT, READ_TIMEOUT)
# Answers that mean "try again later" (Google's own retry guidance for the Sheets API).
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_NETWORK_ERRORS = (requests.ConnectionError, requests.Timeout,
                   google.auth.exceptions.TransportError)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6
    budget: float = 60.0  # seconds one request may spend in all, waits included
    base_delay: float = 1.0  # the first wait; each next one doubles
    max_delay: float = 32.0  # Google's suggested cap for exponential backoff


DEFAULT_RETRY = RetryPolicy()


class RetriesExhausted(Exception):
    """Every attempt failed in a way worth retrying; holds the last answer or network error."""

    def __init__(self, attempts: int, seconds: float, response: requests.Response | None,
                 error: Exception | None):
        super().__init__(f"gave up after {attempts} attempts in {seconds:.0f} s")
        self.attempts = attempts
        self.seconds = seconds
        self.response = response
        self.error = error


class RetryingHTTPClient(HTTPClient):
    """gspread.Client(auth, http_client=RetryingHTTPClient); then call configure()."""

    def __init__(self, auth: Any, session: requests.Session | None = None) -> None:
        super().__init__(auth, session)
        self.timeout = DEFAULT_TIMEOUT
        self.retry = DEFAULT_RETRY
        self.sleeper: Callable[[float], None] = time.sleep
        self.clock: Callable[[], float] = time.monotonic
        self.jitter: Callable[[], float] = random.random

    def configure(self, *, timeout: tuple[float, float], retry: RetryPolicy,
                  sleeper: Callable[[float], None], clock: Callable[[], float],
                  jitter: Callable[[], float] = random.random) -> None:
        self.timeout, self.retry = timeout, retry
        self.sleeper, self.clock, self.jitter = sleeper, clock, jitter

    def request(self, method: str, endpoint: str, params: Any = None, data: Any = None,
                json: Any = None, files: Any = None, headers: Any = None) -> requests.Response:
        started = self.clock()
        attempt = 0
        while True:
            attempt += 1
            response, error = None, None
            try:
                # The token refresh, when due, runs inside this call with the same timeout.
                response = self.session.request(method=method, url=endpoint, json=json,
                                                params=params, data=data, files=files,
                                                headers=headers, timeout=self.timeout)
            except _NETWORK_ERRORS as e:
                error = e
            if response is not None:
                if response.ok:
                    return response
                if response.status_code not in RETRY_STATUSES:
                    raise APIError(response)
            delay = self._delay(attempt, response)
            spent = self.clock() - started
            if attempt >= self.retry.max_attempts or spent + delay > self.retry.budget:
                raise RetriesExhausted(attempt, spent, response, error)
            self.sleeper(delay)

    def _delay(self, attempt: int, response: requests.Response | None) -> float:
        asked = _retry_after(response)
        if asked is not None:
            return asked
        ceiling = min(self.retry.max_delay, self.retry.base_delay * 2 ** (attempt - 1))
        return ceiling * (0.5 + self.jitter() / 2)  # jitter: clients that failed together spread out


def _retry_after(response: requests.Response | None) -> float | None:
    """Retry-After in seconds; the HTTP-date form is not used by Google and is ignored."""
    value = response.headers.get("Retry-After", "") if response is not None else ""
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
