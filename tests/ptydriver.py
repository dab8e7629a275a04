"""Run listening-tui (or any command) in a real pseudo-terminal: type into it, read its screen.

Used by tests that must treat the app as a user's process (kill -9, restart)
and by bench/startup.py. Output is read continuously on a thread so the app
never blocks on a full terminal buffer.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

ANSI = re.compile(
    rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()=>][0-9A-Za-z]?"
)


class PtyApp:
    """A child process on a pseudo-terminal of a given size."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        size: tuple[int, int] = (100, 30),
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        environment.pop("TEXTUAL", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self._raw = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._raw.extend(chunk)

    def text(self) -> str:
        """Everything shown so far, escape sequences removed (screen order is not kept)."""
        with self._lock:
            raw = bytes(self._raw)
        return ANSI.sub(b"", raw).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 20.0) -> float:
        """Wait until ``needle`` has been drawn; returns seconds since the process started."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if needle in self.text():
                return time.perf_counter() - self.started
            if self.process.poll() is not None:
                break
            time.sleep(0.01)
        raise TimeoutError(f"{needle!r} did not appear; the screen showed:\n{self.text()[-2000:]}")

    def type(self, keys: str, pause: float = 0.03) -> None:
        """Send keys one by one, as a person types them."""
        for char in keys:
            os.write(self.master, char.encode("utf-8"))
            time.sleep(pause)

    def kill(self) -> None:
        """SIGKILL: no chance to save anything (a power cut, a closed laptop lid)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.close()

    def stop(self) -> None:
        """Ask the app to quit (Ctrl+Q), then make sure it has gone."""
        try:
            os.write(self.master, b"\x11")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.master)


def listening_tui(*args: str) -> list[str]:
    """The argv that runs this checkout's listening-tui."""
    return [sys.executable, "-m", "listening_tui", *args]
