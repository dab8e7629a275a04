"""Time from process start to the first screen, for listening-tui and for a bare Textual app.

Each run starts a fresh process on a pseudo-terminal and waits until a known
text has been drawn: for a bare Textual app with one Label, that label; for
listening-tui, its start screen ("Campaigns"), and then the campaign list read
from the database. Prints medians and the ratio (goal: at most 1.5x).

The package is byte-compiled first, as `pip install` does: the bare app's
Textual is compiled in site-packages, and with PYTHONDONTWRITEBYTECODE set (as
on some machines) an editable checkout would otherwise recompile every module
of listening-tui on each start, which is not what a user's install does.

    .venv/bin/python bench/startup.py [--runs 7] [--db sample.db]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.ptydriver import PtyApp, listening_tui  # noqa: E402

BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("bare textual ready")

Bare().run()
"""


def time_until(argv: list[str], *needles: str) -> list[float]:
    """Seconds from process start until each needle is drawn, in order."""
    app = PtyApp(argv, size=(100, 30))
    try:
        return [app.wait_for(needle, timeout=60) for needle in needles]
    finally:
        app.stop()


def main() -> None:
    # The app asks who is using it unless this names them (a question is not a first screen).
    os.environ.setdefault("LISTENING_TUI_USER", "bench")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, default=REPO / "sample.db")
    args = parser.parse_args()
    bare: list[float] = []
    first: list[float] = []
    loaded: list[float] = []
    compileall.compile_dir(REPO / "listening_tui", quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "bench.db"
        copy.write_bytes(args.db.read_bytes())
        time_until(listening_tui("--db", str(copy)), "Campaigns")  # warm the file caches
        for _ in range(args.runs):
            bare += time_until([sys.executable, "-c", BARE_APP], "bare textual ready")
            screen, data = time_until(
                listening_tui("--db", str(copy)), "Campaigns", "Riverside Council listening"
            )
            first.append(screen)
            loaded.append(data)
    bare_median = statistics.median(bare)
    first_median = statistics.median(first)
    loaded_median = statistics.median(loaded)
    print("listening-tui bench/startup.py")
    print(f"runs: {args.runs} each, on a pseudo-terminal of 100x30; database: {args.db.name}")
    print(f"bare Textual app, one Label drawn:        median {bare_median * 1000:7.0f} ms")
    print(f"listening-tui, first screen drawn:        median {first_median * 1000:7.0f} ms")
    print(f"listening-tui, campaigns read and shown:  median {loaded_median * 1000:7.0f} ms")
    ratio = first_median / bare_median
    verdict = "met" if ratio <= 1.5 else "NOT met"
    print(f"ratio first screen / bare Textual:        {ratio:.2f}x  (goal at most 1.5x: {verdict})")
    print(f"ratio campaigns shown / bare Textual:     {loaded_median / bare_median:.2f}x")


if __name__ == "__main__":
    main()
