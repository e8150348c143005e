#!/usr/bin/env python3
"""top interactively, through a pseudo-terminal: screens that fit the
window and refresh, raw mode while it runs, q to quit, and the terminal
restored afterwards, after q and after SIGTERM.  Prints PASS/FAIL lines.

usage: top_pty.py TOP
Waiting is for text to appear, with a generous limit that only catches a
hang; no verdict depends on how fast the machine is.
"""
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios

TOP = os.path.abspath(sys.argv[1])
LIMIT = 20.0  # seconds before a wait counts as a hang
ROWS, COLS = 16, 80
HEADER = b"PID USER"


def check(name, ok, why=""):
    print("PASS utils-%s" % name if ok else "FAIL utils-%s: %s" % (name, why))


class Screen:
    """top -d 0.2 on a pty, run by a child that then reports the terminal's
    modes ("AFTER rc=.. icanon=.. echo=..") once top has ended."""

    def __init__(self):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            top = subprocess.Popen([TOP, "-d", "0.2"])
            os.write(1, b"TOPPID %d\n" % top.pid)
            rc = top.wait()
            lflag = termios.tcgetattr(0)[3]
            os.write(1, b"AFTER rc=%d icanon=%d echo=%d\n" % (
                rc, bool(lflag & termios.ICANON), bool(lflag & termios.ECHO)))
            os._exit(0)
        self.out = b""

    def until(self, marker, count=1):
        """Read until marker has appeared count times (or a hang)."""
        while self.out.count(marker) < count:
            ready, _, _ = select.select([self.fd], [], [], LIMIT)
            if not ready:
                break
            try:
                data = os.read(self.fd, 4096)
            except OSError:
                break
            if not data:
                break
            self.out += data
        return self.out

    def finish(self):
        self.until(b"\0never")
        os.waitpid(self.pid, 0)
        return self.out

    def top_pid(self):
        line = self.out.split(b"TOPPID ", 1)[1].split(b"\n", 1)[0]
        return int(line)


def last_screen(out):
    """The lines of the last screen (after the last clear)."""
    return out.rsplit(b"\x1b[2J", 1)[-1].replace(b"\r", b"").split(b"\n")


def main():
    s = Screen()
    out = s.until(HEADER)
    check("top-pty-first-screen", HEADER in out and b"Tasks:" in out, repr(out[-200:]))
    lflag = termios.tcgetattr(s.fd)[3]
    check("top-pty-raw-mode", not (lflag & termios.ICANON) and not (lflag & termios.ECHO),
          "lflag %#o" % lflag)
    out = s.until(b"top - ", 2)
    check("top-pty-refreshes", out.count(b"top - ") >= 2, repr(out[-200:]))
    screen = [l for l in last_screen(out) if l.strip()]
    check("top-pty-fits-window", len(screen) <= ROWS and
          all(len(l) <= COLS for l in screen), "%d lines" % len(screen))
    os.write(s.fd, b"q")
    out = s.finish()
    check("top-pty-q-restores", b"AFTER rc=0 icanon=1 echo=1" in out, repr(out[-120:]))

    s = Screen()
    s.until(HEADER)
    os.kill(s.top_pid(), signal.SIGTERM)
    out = s.finish()
    check("top-pty-sigterm-restores",
          b"AFTER rc=-%d icanon=1 echo=1" % signal.SIGTERM in out, repr(out[-120:]))


main()
