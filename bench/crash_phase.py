# SPDX-License-Identifier: EUPL-1.2
"""The crash phase of the API benchmark: submissions, each with its own Idempotency-Key, retried with the
same key on connection errors and 5xx while the server is killed with SIGKILL and restarted. Used by
``signals_api.py`` for signals and for the findings of a joint action."""

import http.client
import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from benchkit import percentile

HOST = "127.0.0.1"


class Restartable(Protocol):
    port: int

    def kill(self) -> None: ...

    def start(self) -> None: ...


@dataclass
class Client:
    port: int
    token: str
    conn: http.client.HTTPConnection | None = None

    def post(self, key: str, payload: bytes, path: str = "/api/v1/meldingen") -> tuple[int, dict[str, str]]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=15)
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        }
        try:
            self.conn.request("POST", path, body=payload, headers=headers)
            response = self.conn.getresponse()
            response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise


@dataclass
class CrashState:
    acknowledged: set[str] = field(default_factory=set)
    attempted: set[str] = field(default_factory=set)
    latencies: list[float] = field(default_factory=list)
    retries: int = 0
    replayed: int = 0
    gave_up: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def crash(
    server: Restartable,
    token: str,
    clients: int,
    total: int,
    kills: int,
    interval: float,
    path: str,
    payload: Callable[[str], bytes],
) -> dict[str, Any]:
    work: queue.Queue[str] = queue.Queue()
    for _ in range(total):
        work.put(str(uuid.uuid4()))
    state = CrashState()
    done = threading.Event()
    kill_times: list[float] = []

    def submit() -> None:
        client = Client(server.port, token)
        while True:
            try:
                key = work.get_nowait()
            except queue.Empty:
                return
            with state.lock:
                state.attempted.add(key)
            started = time.perf_counter()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    status, headers = client.post(key, payload(key), path)
                except (OSError, http.client.HTTPException):
                    status, headers = 0, {}
                if status == 201:
                    with state.lock:
                        state.acknowledged.add(key)
                        state.latencies.append(time.perf_counter() - started)
                        state.replayed += headers.get("idempotent-replayed") == "true"
                    break
                with state.lock:
                    state.retries += 1
                time.sleep(0.1)
            else:
                with state.lock:
                    state.gave_up += 1

    def killer() -> None:
        for _ in range(kills):
            if done.wait(interval):
                return
            server.kill()
            kill_times.append(time.monotonic())
            server.start()

    started = time.monotonic()
    killer_thread = threading.Thread(target=killer)
    killer_thread.start()
    threads = [threading.Thread(target=submit) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    killer_thread.join()
    elapsed = time.monotonic() - started
    return {
        "submissions": total,
        "clients": clients,
        "kills": len(kill_times),
        "seconds": round(elapsed, 1),
        "acknowledged": len(state.acknowledged),
        "retries": state.retries,
        "replayed": state.replayed,
        "gave_up": state.gave_up,
        "p50_ms": round(percentile(state.latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(state.latencies, 0.99) * 1000, 1),
        "_attempted": state.attempted,
    }
