#!/usr/bin/env python3
"""more through a pseudo-terminal: pages, the --More--(NN%) prompt and the
keys (space, enter, b, q) read from /dev/tty.  Prints PASS/FAIL lines.

usage: more_pty.py MORE
Waiting is for text to appear, with a generous limit that only catches a
hang; no verdict depends on how fast the machine is.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import tempfile
import termios

MORE = os.path.abspath(sys.argv[1])
LIMIT = 10.0  # seconds before a wait counts as a hang
PROMPT_END = b"\x1b[m"


def check(name, ok, why=""):
    print("PASS utils-%s" % name if ok else "FAIL utils-%s: %s" % (name, why))


class Pager:
    """more running on a pty of the given size, its input from argv/stdin."""

    def __init__(self, args, rows, cols, stdin=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            if stdin is not None:
                os.dup2(os.open(stdin, os.O_RDONLY), 0)
            os.execv(MORE, [MORE] + args)

    def until(self, marker):
        """Output up to and including marker (or what came before a hang)."""
        out = b""
        while marker not in out:
            ready, _, _ = select.select([self.fd], [], [], LIMIT)
            if not ready:
                break
            try:
                data = os.read(self.fd, 4096)
            except OSError:
                break
            if not data:
                break
            out += data
        return out

    def key(self, k, marker=PROMPT_END):
        os.write(self.fd, k)
        return self.until(marker)

    def finish(self):
        rest = self.until(b"\0never")  # read to the end, so it can exit
        _, status = os.waitpid(self.pid, 0)
        return rest, status


def lines_of(out):
    text = out.replace(b"\r", b"").replace(b"\x1b[K", b"")
    return [l for l in text.split(b"\n") if l.startswith(b"line ")]


def main():
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "thirty")
    with open(path, "w") as f:
        for i in range(1, 31):
            f.write("line %d\n" % i)
    size = os.path.getsize(path)

    # 10 rows: pages of 9 lines and a prompt line.
    p = Pager([path], 10, 80)
    out = p.until(PROMPT_END)
    check("more-first-page", lines_of(out) == [b"line %d" % i for i in range(1, 10)],
          repr(out))
    pct = len(b"".join(b"line %d\n" % i for i in range(1, 10))) * 100 // size
    check("more-prompt-percent", b"--More--(%d%%)" % pct in out, repr(out))
    out = p.key(b" ")
    check("more-space", lines_of(out) == [b"line %d" % i for i in range(10, 19)], repr(out))
    out = p.key(b"\r")
    check("more-enter", lines_of(out) == [b"line 19"], repr(out))
    out = p.key(b"b")
    check("more-back", lines_of(out) == [b"line %d" % i for i in range(2, 11)], repr(out))
    os.write(p.fd, b"q")
    _, status = p.finish()
    check("more-q", os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, str(status))

    # To the end: no prompt after the last page, exit 0.
    p = Pager([path], 20, 80)
    p.until(PROMPT_END)
    rest, status = p.key(b" ", b"line 30\r\n"), None
    tail, status = p.finish()
    check("more-end", b"line 30" in rest and b"--More--" not in tail and
          os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, repr(rest + tail))

    # Text on standard input (a pipe): keys still come from /dev/tty,
    # the prompt has no percentage.
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.write(w, b"".join(b"line %d\n" % i for i in range(1, 31)))
        os._exit(0)
    os.close(w)
    p = Pager([], 10, 80, stdin="/dev/fd/%d" % r)
    os.close(r)
    out = p.until(PROMPT_END)
    check("more-pipe-prompt", b"--More--\x1b[m" in out and len(lines_of(out)) == 9, repr(out))
    os.write(p.fd, b"q")
    p.finish()
    os.waitpid(pid, 0)

    # A terminal that does not tell its size: 24 rows.
    p = Pager([path], 0, 0)
    out = p.until(PROMPT_END)
    check("more-default-rows", len(lines_of(out)) == 23, repr(out))
    os.write(p.fd, b"q")
    p.finish()

    # Long lines wrap: a 200-column line takes 3 rows of 80.
    with open(path, "w") as f:
        f.write("line " + "x" * 195 + "\n")
        for i in range(2, 31):
            f.write("line %d\n" % i)
    p = Pager([path], 10, 80)
    out = p.until(PROMPT_END)
    check("more-wrap", len(lines_of(out)) == 7, repr(out))
    os.write(p.fd, b"q")
    p.finish()


main()
