"""Lock: one nightly job at a time per store (an advisory file lock beside the database).

`flock` is released by the kernel when the holder dies, even by SIGKILL, so a crashed run never leaves a
stale lock behind for the next night.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class LockHeld(RuntimeError):
    """Another run holds the lock (the CLI exits with EX_TEMPFAIL, 75: try again later)."""


@contextmanager
def run_lock(path: str | Path, wait: bool = False) -> Iterator[Path]:
    """Hold the lock file at `path` for the block; raise `LockHeld` at once if taken, unless `wait`."""
    lock_path = Path(path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "another process"
            raise LockHeld(f"another nightly run holds {lock_path} (pid {holder}); "
                           "try again later, or pass --wait") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield lock_path
    finally:
        os.close(fd)  # closing the descriptor releases the lock
