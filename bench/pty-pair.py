#!/usr/bin/env python3
"""Runs a command with a fresh kernel pty pair: the scanner side of the scan-latency benchmark.

usage: pty-pair.py COMMAND [ARG ...]

Creates the pair with os.openpty(), puts the slave (the station's side) in raw mode, and execs
COMMAND with the master on fd 3 (the bench writes the scanner's bytes there) and the slave's path
in SCAN_BENCH_PTY (the station opens that /dev/pts/N with its normal serial transport). No process
sits between the two ends: bytes written to the master are delivered by the kernel straight to the
tty, as a USB-CDC scanner's are. This script is gone once COMMAND runs (exec, not a child).
"""
import os
import sys
import tty

if len(sys.argv) < 2:
    sys.stderr.write(__doc__)
    sys.exit(2)

master, slave = os.openpty()
tty.setraw(slave)
path = os.ttyname(slave)
if master == 3:
    os.set_inheritable(3, True)
else:
    os.dup2(master, 3)  # dup2 makes fd 3 inheritable
    os.close(master)
# The slave fd is close-on-exec: nothing holds it until the station opens the path. Its raw
# termios stay with the pair while the master is open.
os.environ["SCAN_BENCH_PTY"] = path
os.execvp(sys.argv[1], sys.argv[1:])
