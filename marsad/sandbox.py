"""A time budget that holds in any thread: calls run in a child process (issue 19).

:func:`marsad.guard.time_limit` relies on ``SIGALRM``, which only a process's main
thread receives. A server analyses uploads in worker threads (off its event loop), so
there a slow article could only be stopped by the article itself. :class:`Sandbox`
runs one function call at a time in a child process and waits at most the budget for
its answer: past it, the child is killed (whatever it was doing — a Python loop, a
regular expression, a C extension) and :class:`~marsad.guard.ArticleTimeout` is
raised; the next call starts a fresh child. A child that dies (out of memory, a crash
in C) raises :class:`SandboxDied` and is replaced the same way. Moving the CPU-heavy
per-article analysis out of the server's process also leaves the server's own
interpreter lock to its readers.

The child is started with ``spawn`` (never ``fork``: the server's process has threads)
and warmed by ``warm`` (e.g. loading the NER model) outside the budget, so the budget
measures the article's own work.

The budget is counted in the child's **CPU seconds** (read from ``/proc``), not wall
time: on a loaded machine an ordinary article can wait seconds for a core, and it must
not be killed for that. A call that does not use CPU (blocked on a lock, sleeping) is
still stopped after ``WALL_FACTOR`` times the budget of wall time. Where ``/proc`` cannot
be read, the budget falls back to wall time.

>>> from operator import add
>>> with Sandbox(seconds=30) as box:
...     box.call(add, 2, 3)
5
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
import weakref
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from marsad.guard import ArticleTimeout, describe

__all__ = ["Sandbox", "SandboxDied", "SandboxError"]

T = TypeVar("T")

#: Seconds a fresh child gets to start and run ``warm`` (imports, model loading).
WARM_SECONDS = 300.0

#: A call is stopped after this many times its CPU budget of wall time, CPU or not.
WALL_FACTOR = 5.0

#: How often (seconds) a waiting call looks at the child's CPU clock.
POLL_SECONDS = 0.05


def child_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) process ``pid`` has used, from ``/proc/PID/stat``;
    None where that cannot be read (not Linux, the process is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return None
    # The command name (field 2) may hold spaces: fields are counted after its ')'.
    fields = stat[stat.rfind(b")") + 2 :].split()
    try:
        ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    except (IndexError, ValueError):
        return None
    return ticks / _CLOCK_TICKS


try:
    _CLOCK_TICKS = float(os.sysconf("SC_CLK_TCK"))
except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
    _CLOCK_TICKS = 100.0


class SandboxDied(Exception):
    """The child process died during a call (killed by the OS, a crash in C)."""

    described = True  # its message is the one line to report (marsad.guard.describe)


class SandboxError(Exception):
    """The function raised in the child; the message names the original exception."""

    described = True


def _serve(conn: Connection, warm: Callable[[], Any] | None) -> None:
    """The child's loop: run each (function, args) received and send back
    ("ok", result) or ("error", one line)."""
    # Ctrl-C in a terminal reaches the whole process group: the parent decides (it
    # kills this child on its way out, and a parent gone for good ends the loop).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm is not None:
        warm()
    conn.send(("ready", None))
    while True:
        try:
            fn, args = conn.recv()
        except EOFError:  # the parent went away
            return
        try:
            conn.send(("ok", fn(*args)))
        except Exception as exc:  # noqa: BLE001 - reported to the parent as one line
            conn.send(("error", describe(exc)))


class Sandbox:
    """Run calls in a child process, each within ``seconds`` (None: no budget).

    Thread-safe: calls from several threads run one after the other. ``warm`` (a
    picklable, top-level function) runs once in every fresh child before its first
    call, outside the budget, within ``warm_seconds`` (None: no limit). Functions and
    arguments must be picklable.
    """

    def __init__(
        self, seconds: float | None, warm: Callable[[], Any] | None = None, warm_seconds: float | None = WARM_SECONDS
    ) -> None:
        self.seconds = seconds if seconds and seconds > 0 else None
        self.warm = warm
        self.warm_seconds = warm_seconds
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._finalizer: weakref.finalize | None = None
        #: children killed for running past the budget (or found dead), since start
        self.restarts = 0

    def _start(self) -> Connection:
        if self._conn is not None and self._process is not None and self._process.is_alive():
            return self._conn
        self._stop()
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child, self.warm), name="marsad-sandbox", daemon=True)
        process.start()
        child.close()
        if not parent.poll(self.warm_seconds):
            process.kill()
            raise SandboxDied(f"the sandbox process did not start within {self.warm_seconds:g} s")
        try:
            parent.recv()
        except EOFError:
            process.join(5)
            raise SandboxDied(f"the sandbox process died while starting (exit code {process.exitcode})") from None
        self._process, self._conn = process, parent
        # A sandbox dropped without close() (an app of a test) takes its child along.
        self._finalizer = weakref.finalize(self, process.kill)
        return parent

    def _stop(self) -> None:
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def call(self, fn: Callable[..., T], *args: Any, what: str = "article") -> T:
        """``fn(*args)`` in the child. Raises :class:`ArticleTimeout` past the budget
        (the child is killed), :class:`SandboxDied` when the child died and
        :class:`SandboxError` when ``fn`` raised."""
        with self._lock:
            conn = self._start()
            try:
                conn.send((fn, args))
            except OSError:  # the child died since the last call
                self._stop()
                conn = self._start()
                conn.send((fn, args))
            started = time.monotonic()
            if not self._answered_in_budget(conn):
                self.restarts += 1
                self._stop()
                raise ArticleTimeout(f"{what} took over {self.seconds:g} s (time budget per article)")
            try:
                status, value = conn.recv()
            except (EOFError, OSError):
                code = self._process.exitcode if self._process is not None else None
                self.restarts += 1
                self._stop()
                raise SandboxDied(
                    f"{what}: the sandbox process died after {time.monotonic() - started:.1f} s (exit code {code})"
                ) from None
        if status == "error":
            raise SandboxError(value)
        return value  # type: ignore[no-any-return]

    def _answered_in_budget(self, conn: Connection) -> bool:
        """Wait for the child's answer: False once the call has used ``seconds`` of the
        child's CPU time, or ``WALL_FACTOR`` times that of wall time."""
        if self.seconds is None:
            conn.poll(None)
            return True
        pid = self._process.pid if self._process is not None else None
        cpu_start = child_cpu_seconds(pid) if pid is not None else None
        if cpu_start is None:  # no CPU clock to read: wall time
            return conn.poll(self.seconds)
        deadline = time.monotonic() + self.seconds * WALL_FACTOR
        while not conn.poll(min(POLL_SECONDS, self.seconds)):
            used = child_cpu_seconds(pid)  # type: ignore[arg-type]
            if used is None:  # the child is gone: its answer (or EOF) is in the pipe
                return True
            if used - cpu_start > self.seconds or time.monotonic() > deadline:
                return False
        return True

    def start(self) -> None:
        """Start (and warm) the child now rather than at the first call."""
        with self._lock:
            self._start()

    def close(self) -> None:
        """Stop the child."""
        with self._lock:
            self._stop()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
