"""Lock: one nightly run per store; the lock dies with its holder, even under SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from discrepancy.lock import LockHeld, run_lock


def test_second_holder_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "d.db.lock"
    with run_lock(path):
        with pytest.raises(LockHeld, match=f"pid {os.getpid()}"):
            with run_lock(path):
                pass
    with run_lock(path):  # released on exit
        pass


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    path = tmp_path / "d.db.lock"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from discrepancy.lock import run_lock\n"
        f"with run_lock({str(path)!r}):\n    print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockHeld):
            with run_lock(path):
                pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            with run_lock(path):
                break
        except LockHeld:
            assert time.monotonic() < deadline, "the lock outlived its killed holder"
            time.sleep(0.05)
