"""The steady-state load through wrk, a load generator written in C (Debian's `wrk` package).

The Python client (bench/site/client.py) shares the two cores with the server: at 700 requests a
second it takes a good part of one, and the server's figures carry its cost. wrk makes the same
load (C connections, each one request at a time, the paths in turn) for a fraction of that, so
the figures are closer to the server's own. `python -m bench.site` uses it when it is installed
(`apt-get install wrk`) and says which generator measured each run.

wrk keeps a connection open between requests when the server allows; gunicorn's sync workers
close every connection, so each request opens a new one, as with the Python client.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.site.client import Summary

# wrk runs this in each of its threads: the paths in turn (each thread from its own place), and
# at the end one JSON line of what it counted (latencies in microseconds).
SCRIPT = """
local paths = {%(paths)s}
local n = 0
init = function(args)
  n = math.random(#paths)
end
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format(
    '\\nRESULT {"requests": %%d, "seconds": %%f, "p50": %%d, "p95": %%d, "non_2xx_3xx": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
"""


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def drive(
    route: str, host: str, port: int, paths: Sequence[str], clients: int, seconds: float
) -> Summary:
    """`clients` connections asking for `paths` in turn for `seconds`, through wrk."""
    with tempfile.TemporaryDirectory(prefix="rollcall-wrk-") as scratch:
        script = Path(scratch) / "paths.lua"
        script.write_text(SCRIPT % {"paths": ", ".join(_lua_string(p) for p in paths)})
        threads = max(1, min(2, clients))
        command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "30s"]
        command += ["-s", str(script), f"http://{host}:{port}"]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed ({done.returncode}): {(done.stdout + done.stderr)[-2000:]}")
    counted = json.loads(lines[-1].removeprefix("RESULT "))
    errors = {
        name: counted[name]
        for name in ("non_2xx_3xx", "connect", "read", "write", "timeout")
        if counted[name]
    }
    return Summary(
        route,
        counted["requests"] - counted["non_2xx_3xx"],
        counted["seconds"],
        counted["p50"] / 1e6,
        counted["p95"] / 1e6,
        errors,
    )
