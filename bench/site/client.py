"""A small HTTP load generator: N concurrent clients, each one request at a time, for S seconds.

Plain asyncio streams, no dependency: each request opens a connection, as a browser's first
visit does and as gunicorn's sync workers (which close every connection) require anyway. The
client is cheap next to the server, but it shares the machine's cores: the figures are those of
server and client together on one machine, stated as such.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Result:
    route: str
    seconds: float
    latencies: list[float] = field(default_factory=list)  # of the answers with status 200
    errors: dict[str, int] = field(default_factory=dict)  # other statuses, and failures

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def quantile(self, q: float) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[round(q * 100) - 1]


async def get(host: str, port: int, path: str) -> str:
    """GET `path`; return the status code as text. The body is read to the end and dropped."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"
        writer.write(request.encode("ascii"))
        await writer.drain()
        status = (await reader.readline()).split(b" ", 2)
        while await reader.read(65536):
            pass
        return status[1].decode("ascii") if len(status) > 1 else "no status"
    finally:
        writer.close()


async def _timed(host: str, port: int, path: str, result: Result) -> None:
    """One request: its latency if answered 200, else its status (or failure) counted."""
    started = time.perf_counter()
    try:
        status = await get(host, port, path)
    except OSError as error:
        status = type(error).__name__
    if status == "200":
        result.latencies.append(time.perf_counter() - started)
    else:
        result.errors[status] = result.errors.get(status, 0) + 1


async def _client(
    host: str, port: int, paths: Sequence[str], offset: int, deadline: float, result: Result
) -> None:
    n = offset
    while time.perf_counter() < deadline:
        await _timed(host, port, paths[n % len(paths)], result)
        n += 1


async def drive(
    route: str, host: str, port: int, paths: Sequence[str], clients: int, seconds: float
) -> Result:
    """`clients` clients asking for `paths` in turn (each starting elsewhere) for `seconds`.

    A request still running at the deadline is waited for and counted: the time bound is on
    starting requests, and the rate is over the time actually taken.
    """
    result = Result(route, seconds)
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(_client(host, port, paths, i * 7, deadline, result) for i in range(clients))
    )
    result.seconds = time.perf_counter() - started
    return result


async def once(route: str, host: str, port: int, paths: Sequence[str], clients: int) -> Result:
    """Every path asked for exactly once, by `clients` clients sharing the list: first visits.

    What a page costs when nothing about it is cached yet (as after a write to the registry),
    as opposed to `drive`, which asks for the same sample again and again.
    """
    result = Result(route, 0.0)
    queue = list(reversed(paths))

    async def client() -> None:
        while queue:
            await _timed(host, port, queue.pop(), result)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    result.seconds = time.perf_counter() - started
    return result


@dataclass(frozen=True)
class Summary:
    """What the report prints of a run, whichever load generator made it (seconds)."""

    route: str
    answered: int  # with status 200
    seconds: float
    p50: float
    p95: float
    errors: dict[str, int]

    @property
    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    @classmethod
    def of(cls, result: Result) -> Summary:
        return cls(
            result.route,
            len(result.latencies),
            result.seconds,
            result.quantile(0.50),
            result.quantile(0.95),
            dict(result.errors),
        )
