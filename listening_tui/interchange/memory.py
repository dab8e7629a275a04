"""Bulk work without Python's cyclic garbage collector getting in the way.

Reading 50,000 sessions makes millions of small objects, none of them
garbage; every full collection walks all of them again, which made an import
five times slower. The collector is paused for the duration and runs once after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause cyclic garbage collection inside the block (reference counting still frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
