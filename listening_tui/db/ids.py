"""Ids for the rows a session holds (interviewees, quotes, references), new ones ascending.

These ids never leave the database (a bundle carries none), so the writer picks
them. Ascending ids land at the end of the primary key's b-tree, not on a
random page of it, and cost no system call each as ``uuid4`` does: an import
of 50,000 sessions makes about 120,000 of them. The layout is UUID version 7
(RFC 9562): 48 bits of Unix milliseconds, then a 74-bit counter that starts
at a random value and counts up, so two processes writing one database at the
same moment still make different ids.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid

_COUNTER_BITS = 74
_RAND_B_BITS = 62
_RAND_B = (1 << _RAND_B_BITS) - 1

_lock = threading.Lock()
_last = 0
"""The last sequence number handed out: milliseconds, then the counter."""


def ascending_ids(count: int) -> list[uuid.UUID]:
    """``count`` new ids, each greater than every id this process made before."""
    global _last
    with _lock:
        moment = time.time_ns() // 1_000_000 << _COUNTER_BITS
        # Half the counter's range is left above a random start, so it never runs over.
        first = max(_last + 1, moment | secrets.randbits(_COUNTER_BITS - 1))
        _last = first + count - 1
    return [uuid.UUID(int=_layout(number)) for number in range(first, first + count)]


def _layout(number: int) -> int:
    """The UUIDv7 of a sequence number: milliseconds, version, counter, variant, counter."""
    milliseconds, rand_a = number >> _COUNTER_BITS, number >> _RAND_B_BITS & 0xFFF
    return milliseconds << 80 | 7 << 76 | rand_a << 64 | 0b10 << 62 | number & _RAND_B
