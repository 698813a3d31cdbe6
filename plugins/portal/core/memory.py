"""The build's memory: what the cyclic garbage collector need not look at, and free pages handed back.

A build makes its long-lived objects in stages (the stories' facts, the
summaries and views, the compiled templates), then mostly short-lived ones
(each page's context). The collector's full collections scan every object
it tracks: with an archive's summaries and views in memory that was a
fifth of an edit's rebuild at 4,000 story pairs, freeing nothing. So each
stage that makes long-lived objects ends with `settle()`, which moves
everything made so far out of the collector's sight (gc.freeze), and
forked workers (parallel.py) rely on it too: a collection in a worker
would touch, and so copy, every object it shares with its parent.

This module alone decides it: nothing unfreezes during a build. A process
that builds again (the live preview) calls `new_build()` first, so the last
build's objects can be freed.

Reading back what the last build kept makes objects by the hundred thousand
and no garbage at all; so does planning its pages: see `lasting()`.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager


def settle() -> None:
    """Everything made so far lives as long as the build: the collector stops scanning it."""
    gc.freeze()


def new_build() -> None:
    """Before another build in the same process: the last one's objects may be freed."""
    gc.unfreeze()
    gc.collect()


@contextmanager
def lasting() -> Iterator[None]:
    """What the block makes lives as long as the build: no collection runs while it makes it, and
    none looks at it afterwards (`settle`, when the block ends).

    Reading back the state of an archive (each story's summary, facts and photos,
    every page's digest) or planning its pages makes objects faster than the
    collector's thresholds allow: it ran a pass every few hundred objects, the full
    ones over everything made so far, and freed nothing. At 20,000 story pairs that
    was ~0.7 s of an edit's rebuild. Nothing that makes garbage belongs in the block
    (rendering a page does: its context holds cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        settle()
        if enabled:
            gc.enable()


def release_free_memory() -> None:
    """Hand the heap's free pages back to the system (glibc's malloc_trim): before forking,
    and before the search step waits for Pagefind's services, which need the memory.

    After reading, the heap holds tens of MB freed but still mapped; shared
    with a worker, each such page is copied as soon as either process
    allocates into it. Released, it costs nothing until it is used. Elsewhere
    than glibc this does nothing."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
