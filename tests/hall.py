"""A command hall under test, shared by the intake fault test and
bench/intake.py: the intake API as its own process (`commandcenter api`),
clients that post as an integrator should (an Idempotency-Key per request,
sent again after a 503 or a lost answer), a follower process (`audit
follow`), and the faults (an API worker killed, PostgreSQL restarted)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from commandcenter.intake.app import BASE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

COMMAND = [sys.executable, "-m", "commandcenter.cli"]
PG_CLUSTERS = Path("/etc/postgresql")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class ApiProcess:
    """`commandcenter api` running on a port of its own."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE}"

    def workers(self) -> list[int]:
        """The worker processes uvicorn's supervisor keeps (its children,
        but for multiprocessing's resource tracker)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid and b"resource_tracker" not in command:
                found.append(int(entry.name))
        return sorted(found)

    def kill_worker(self) -> int:
        """kill -9 a worker that has a request in hand (a client connected
        to it), waiting up to 5 s for one; returns its pid."""
        deadline = time.monotonic() + 5
        busy: list[int] = []
        while not busy and time.monotonic() < deadline:
            connected = _connected_sockets(self.port)
            busy = [w for w in self.workers() if _sockets_of(w) & connected]
        victim = (busy or self.workers())[0]
        os.kill(victim, signal.SIGKILL)
        return victim

    def stop(self) -> None:
        stop(self.process)


def _connected_sockets(port: int) -> set[str]:
    """Socket inodes of established TCP connections to local `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                if local_port == port and fields[3] == "01":  # ESTABLISHED
                    found.add(fields[9])
    return found


def _sockets_of(pid: int) -> set[str]:
    found = set()
    with contextlib.suppress(OSError):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    found.add(target[8:-1])
    return found


def start_api(
    url: str, log: Path, workers: int = 2, port: int | None = None
) -> ApiProcess:
    """The API over `url` (on `port`, or a free one), answering once every
    worker is up."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            *COMMAND,
            "api",
            "--db",
            url,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--rate",
            "1000000",
        ],
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    return serving(ApiProcess(process, port), log, workers)


def serving(server: ApiProcess, log: Path, workers: int) -> ApiProcess:
    """`server` once it answers at services.json with all its workers up
    (one worker: uvicorn runs no supervisor); else RuntimeError with its log."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text()[-2000:]}")
        with contextlib.suppress(httpx.HTTPError):
            answer = httpx.get(f"{server.base}/services.json", timeout=2)
            up = workers == 1 or len(server.workers()) >= workers
            if answer.status_code == 200 and up:
                return server
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"no answer in 90 s: {log.read_text()[-2000:]}")


@dataclass
class Posted:
    """What one client sent and what it was told."""

    acknowledged: dict[str, str] = field(default_factory=dict)
    """token → the service_request_id the API answered with."""
    latencies_ms: list[float] = field(default_factory=list)
    """From sending to the answer, for requests answered at the first send."""
    answered_at: dict[str, float] = field(default_factory=dict)
    """token → time.monotonic() when its 201 arrived."""
    lost_answers: int = 0
    """Sends whose answer never came (the connection broke): sent again."""
    unavailable: int = 0
    """503 answers (the database away): sent again after Retry-After."""
    refused: list[str] = field(default_factory=list)
    """Any other answer: a failure of the test."""


def post_reports(
    base: str,
    key: str,
    prefix: str,
    places: Sequence[tuple[float, float]],
    count: int,
    category: str,
    after_each: Callable[[int], None] = lambda _n: None,
    give_up_after: float = 300.0,
) -> Posted:
    """Post `count` reports as an integrator should: each with its own
    Idempotency-Key, sent again (after Retry-After) until it is answered."""
    posted = Posted()
    deadline = time.monotonic() + give_up_after
    # a connection per request, as a hotline system's job sends them: the
    # requests spread over the workers, so a killed worker has some in hand
    fresh = httpx.Limits(max_keepalive_connections=0)
    with httpx.Client(timeout=30, limits=fresh) as http:
        for n in range(count):
            token = f"{prefix}-{n:05d}"
            lat, lon = places[n % len(places)]
            form = {
                "api_key": key,
                "service_code": category,
                "lat": str(lat),
                "long": str(lon),
                "description": f"接口上报 {token}",
            }
            first = True
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{token} was never answered")
                started = time.perf_counter()
                try:
                    answer = http.post(
                        f"{base}/requests.json",
                        data=form,
                        headers={"Idempotency-Key": token},
                    )
                except httpx.TransportError:
                    posted.lost_answers += 1
                    first = False
                    time.sleep(0.2)
                    continue
                if answer.status_code == 503:
                    posted.unavailable += 1
                    first = False
                    time.sleep(float(answer.headers.get("Retry-After", "1")))
                    continue
                if answer.status_code == 201:
                    number = answer.json()[0]["service_request_id"]
                    posted.acknowledged[token] = number
                    posted.answered_at[token] = time.monotonic()
                    if first:
                        posted.latencies_ms.append(
                            (time.perf_counter() - started) * 1000
                        )
                else:
                    posted.refused.append(
                        f"{token}: {answer.status_code} {answer.text}"
                    )
                break
            after_each(n)
    return posted


def post_at_once(
    base: str,
    keys: Sequence[str],
    prefix: str,
    places: Sequence[tuple[float, float]],
    each: int,
    category: str,
    after_each: Callable[[int], None] = lambda _n: None,
    beside: Callable[[], object] | None = None,
) -> list[Posted]:
    """One client per key posting `each` reports, all at once (tokens
    `<prefix><client>-<n>`); `beside` runs meanwhile (the faults)."""
    with ThreadPoolExecutor(len(keys) + 1) as pool:
        side = None if beside is None else pool.submit(beside)
        posted = list(
            pool.map(
                lambda n: post_reports(
                    base,
                    keys[n],
                    f"{prefix}{n}",
                    places,
                    each,
                    category,
                    after_each=after_each,
                ),
                range(len(keys)),
            )
        )
        if side is not None:
            side.result()
    return posted


@dataclass
class Faults:
    """What was done to the hall while the clients posted."""

    killed_worker: int = 0
    postgres_away_s: float = 0.0


def post_through_faults(
    api: ApiProcess,
    keys: Sequence[str],
    prefix: str,
    places: Sequence[tuple[float, float]],
    each: int,
    category: str,
) -> tuple[list[Posted], Faults]:
    """`post_at_once` while, from outside the clients (all keep posting), an
    API worker is killed with kill -9 at a quarter of all the posts and
    PostgreSQL is restarted at half."""
    total = len(keys) * each
    sent = [0]
    lock = threading.Lock()
    quarter, half = threading.Event(), threading.Event()
    faults = Faults()

    def progress(_n: int) -> None:
        with lock:
            sent[0] += 1
            if sent[0] == total // 4:
                quarter.set()
            elif sent[0] == total // 2:
                half.set()

    def inflict() -> None:
        quarter.wait()
        faults.killed_worker = api.kill_worker()
        half.wait()
        faults.postgres_away_s = restart_postgres()

    posted = post_at_once(
        api.base, keys, prefix, places, each, category, progress, inflict
    )
    return posted, faults


@contextlib.contextmanager
def following(url: str, after: int, out: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`audit follow` in a process of its own while the block runs, its lines
    into `out`; stopped when the block ends, however it ends."""
    process = subprocess.Popen(
        [*COMMAND, "audit", "follow", "--db", url, "--after", str(after)],
        stdout=out.open("wb"),
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        stop(process)


def followed(out: Path) -> list[dict[str, object]]:
    lines = out.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def wait_until_followed(out: Path, newest: int, timeout: float = 90) -> None:
    """Until the follower has printed event `newest` (or `timeout`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = followed(out)
        if seen and seen[-1]["id"] == newest:
            return
        time.sleep(0.2)
    raise TimeoutError(f"the follower did not reach event {newest}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def restart_postgres() -> float:
    """Restart this machine's PostgreSQL (fast shutdown: every connection
    is cut), as its administrator would; returns the seconds it was away."""
    version = sorted(p.name for p in PG_CLUSTERS.iterdir())[-1]
    started = time.monotonic()
    subprocess.run(
        [
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            version,
            "main",
            "restart",
            "-m",
            "fast",
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    while subprocess.run(
        ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False
    ).returncode:
        time.sleep(0.1)
    return time.monotonic() - started
