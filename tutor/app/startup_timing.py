"""Time from process start to the first screen being shown: `python -m tutor.app.startup_timing [RUNS]`.

Each run is a fresh interpreter that imports the CLI entry point and the app the way `tutor` does,
starts the app headless, and stops the clock when the chat screen has been refreshed for the
first time (the moment it starts the answer engine's loader). The engine keeps loading in its
worker; that is the point: the learner can type at once.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

_ONE_RUN = r"""
import time
began = time.perf_counter()
import asyncio
import tutor.cli.main  # what the `tutor` console script imports first
from tutor.app.tutor_app import TutorApp

painted = []
original = TutorApp.start_answer_engine

def mark_first_paint(app):
    # The chat screen calls this right after its first refresh: the learner sees the screen now.
    painted.append(time.perf_counter() - began)
    original(app)

TutorApp.start_answer_engine = mark_first_paint

async def first_screen():
    app = TutorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        while not painted:
            await pilot.pause(0.005)
        status = app.engine_status
        app.exit()
    return painted[0], status

shown, status = asyncio.run(first_screen())
print(f"{shown:.3f} {status}")
"""


def measure(runs: int = 5) -> list[float]:
    """Seconds to the first screen for `runs` fresh processes."""
    seconds = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _ONE_RUN], capture_output=True, text=True, check=True).stdout
        value, _, status = out.strip().partition(" ")
        seconds.append(float(value))
        print(f"first screen after {float(value):.3f} s (engine status then: {status})")
    return seconds


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    seconds = measure(runs)
    print(f"time to first screen over {runs} runs: median {statistics.median(seconds):.3f} s, "
          f"min {min(seconds):.3f} s, max {max(seconds):.3f} s")


if __name__ == "__main__":
    main()
