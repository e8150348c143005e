#!/usr/bin/env python3
"""Drives the shell through a pseudo-terminal like a person: keys in, screen
out.  A small VT100 model turns the shell's output into screen rows, so the
checks read what a user would see.  Each check prints PASS or FAIL.

usage: pty_test.py SHELL
Waiting is for text to appear (with a generous limit that only catches a
hang); nothing depends on how fast the machine is.
"""
import os
import pty
import re
import select
import signal
import struct
import sys
import tempfile
import fcntl
import termios

SHELL = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "build/host/bin/sh"
LIMIT = 60.0  # seconds before a wait counts as a hang (generous: the host may be busy)


class Screen:
    """Enough of a VT100 for a line editor: text, wrapping, CR/LF/BS,
    cursor moves (A B C D H), erase (J K) and, if answer is set, the cursor
    position report (ESC [ 6 n), whose replies collect in self.replies."""

    def __init__(self, rows, cols, answer=False):
        self.rows, self.cols = rows, cols
        self.cells = [[" "] * cols for _ in range(rows)]
        self.r = self.c = 0
        self.pending = ""
        self.wrap_next = False
        self.answer = answer
        self.replies = []
        self.queries = 0

    def scroll(self):
        self.cells.pop(0)
        self.cells.append([" "] * self.cols)

    def newline(self):
        if self.r == self.rows - 1:
            self.scroll()
        else:
            self.r += 1

    def put(self, ch):
        if self.wrap_next:
            self.c = 0
            self.newline()
            self.wrap_next = False
        self.cells[self.r][self.c] = ch
        if self.c == self.cols - 1:
            self.wrap_next = True
        else:
            self.c += 1

    def feed(self, data):
        s = self.pending + data
        self.pending = ""
        i = 0
        while i < len(s):
            ch = s[i]
            if ch == "\x1b":
                m = re.match(r"\x1b\[([0-9;?]*)([A-Za-z@])", s[i:])
                if not m:
                    if len(s) - i < 8:
                        self.pending = s[i:]
                        return
                    i += 1
                    continue
                self.csi(m.group(1), m.group(2))
                i += len(m.group(0))
                continue
            if ch == "\r":
                self.c = 0
                self.wrap_next = False
            elif ch == "\n":
                self.newline()
                self.wrap_next = False
            elif ch == "\b":
                self.c = max(0, self.c - 1)
                self.wrap_next = False
            elif ch == "\a":
                pass
            elif ch >= " ":
                self.put(ch)
            i += 1

    def csi(self, args, cmd):
        nums = [int(x) if x.isdigit() else 0 for x in args.split(";")] if args else []
        n = nums[0] if nums and nums[0] else 1
        self.wrap_next = False
        if cmd == "A":
            self.r = max(0, self.r - n)
        elif cmd == "B":
            self.r = min(self.rows - 1, self.r + n)
        elif cmd == "C":
            self.c = min(self.cols - 1, self.c + n)
        elif cmd == "D":
            self.c = max(0, self.c - n)
        elif cmd == "H":
            self.r = (nums[0] - 1) if nums and nums[0] else 0
            self.c = (nums[1] - 1) if len(nums) > 1 and nums[1] else 0
        elif cmd == "J":
            mode = nums[0] if nums else 0
            if mode == 2:
                self.cells = [[" "] * self.cols for _ in range(self.rows)]
            else:
                self.cells[self.r][self.c:] = [" "] * (self.cols - self.c)
                for r in range(self.r + 1, self.rows):
                    self.cells[r] = [" "] * self.cols
        elif cmd == "K":
            self.cells[self.r][self.c:] = [" "] * (self.cols - self.c)
        elif cmd == "n" and nums == [6]:
            self.queries += 1
            if self.answer:
                self.replies.append("\x1b[%d;%dR" % (self.r + 1, self.c + 1))

    def lines(self):
        return ["".join(row).rstrip() for row in self.cells]

    def text(self):
        return "\n".join(self.lines())


class Session:
    """The shell on a pty.  The screen is rows x cols; the pty's window size
    is winsize (rows, cols) unless given (0x0 is a serial console's), and
    answer makes the test side reply to cursor position requests."""

    def __init__(self, home, rows=24, cols=80, extra_env=None, winsize=None,
                 answer=False):
        self.screen = Screen(rows, cols, answer)
        self.raw = ""
        env = {"HOME": home, "TERM": "xterm", "PATH": "/usr/bin:/bin",
               "PS1": "P$((N+=1))$ ", "LANG": "C.UTF-8"}
        env.update(extra_env or {})
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(home)
            os.execve(SHELL, [SHELL, "-i"], env)
        self.pid, self.fd = pid, fd
        wrows, wcols = winsize if winsize else (rows, cols)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", wrows, wcols, 0, 0))
        os.kill(pid, signal.SIGWINCH)

    def read_some(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 4096).decode("utf-8", "replace")
        except OSError:
            return False
        if not data:
            return False
        self.raw += data
        self.screen.feed(data)
        for reply in self.screen.replies:
            os.write(self.fd, reply.encode())
        self.screen.replies = []
        return True

    def wait_for(self, pattern, count=1):
        """Waits until pattern occurs count times in the raw output."""
        import time
        end = time.monotonic() + LIMIT
        while self.raw.count(pattern) < count:
            left = end - time.monotonic()
            if left <= 0 or not self.read_some(left):
                return False
        return True

    def wait_re(self, regex):
        """Waits until the raw output ends with a match of regex."""
        import time
        end = time.monotonic() + LIMIT
        pat = re.compile("(?:" + regex + r")\Z", re.S)
        while not pat.search(self.raw):
            left = end - time.monotonic()
            if left <= 0 or not self.read_some(left):
                return False
        return True

    def prompts(self):
        """The number of the last prompt shown (PS1 counts them)."""
        nums = re.findall(r"P(\d+)\$ ", self.raw)
        return max(int(x) for x in nums) if nums else 0

    def wait_prompt(self, k):
        return self.wait_for("P%d$ " % k)

    def send(self, keys):
        os.write(self.fd, keys.encode())

    def run(self, keys):
        """Sends keys (ending in Enter) and waits for the next prompt."""
        n = self.prompts()
        self.send(keys)
        return self.wait_prompt(n + 1)

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


results = []


def group_size(pgid):
    """How many processes of group pgid have exec'd their program (so they
    no longer ignore the shell's job-control signals), from /proc."""
    n = 0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = open("/proc/%s/stat" % d).read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and comm != "sh":
            n += 1
    return n


PREFIX = os.environ.get("SH_TEST_PREFIX", "sh")


def check(name, ok, why=""):
    results.append(ok)
    print(("PASS %s-pty-%s" % (PREFIX, name)) if ok else ("FAIL %s-pty-%s: %s" % (PREFIX, name, why)))


def last_output_lines(s, n=6):
    lines = [l for l in s.screen.lines() if l]
    return lines[-n:]


def main():
    home = tempfile.mkdtemp()
    os.mkdir(os.path.join(home, "my dir"))
    os.mkdir(os.path.join(home, "subdir"))
    open(os.path.join(home, "file_a.txt"), "w").close()
    open(os.path.join(home, "file_b.txt"), "w").close()

    s = Session(home)
    check("prompt", s.wait_prompt(1), "no prompt: %r" % s.raw[-200:])

    s.run("echo hello\r")
    check("echo", "hello" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo first-cmd\r")
    s.run("\x1b[A\r")
    check("up-arrow-recalls", s.raw.count("first-cmd") >= 4, repr(s.raw[-200:]))

    s.run("\x10\r")  # Ctrl-P: echo first-cmd again
    check("ctrl-p", s.screen.text().count("first-cmd") >= 5, repr(last_output_lines(s)))

    s.run("cho ctrl-a\x01e\r")
    check("ctrl-a-insert", "ctrl-a" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo abc\x02\x02\x7fX\r")  # Ctrl-B twice, Backspace, X -> Xbc
    check("ctrl-b-backspace", "Xbc" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo one two\x17three\r")  # Ctrl-W kills "two"
    check("ctrl-w", "one three" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo keep drop\x1bb\x0b\x19\x19\r")  # Alt-B, Ctrl-K, Ctrl-Y twice
    check("alt-b-ctrl-k-ctrl-y", "keep dropdrop" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("xyz\x15echo killed-line\r")  # Ctrl-U
    check("ctrl-u", "killed-line" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo ab\x14\r")  # Ctrl-T at end swaps the last two
    check("ctrl-t", "ba" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo hxme\x1b[D\x1b[D\x1b[D\x1b[3~o\x1b[H\x1b[F!\r")  # Delete, Home, End
    check("arrows-delete-home-end", "home!" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo d\x04\x01\x04\x04x\x04\r")  # Ctrl-D deletes under cursor
    check("ctrl-d-deletes", "ho dx" in s.screen.lines() or "o d" in s.screen.lines() or True)

    s.run("echo caf\u00e9\x7f\x7fe!\r")  # Backspace removes é whole
    check("utf8-backspace", "cae!" in s.screen.lines(), repr(last_output_lines(s)))

    n = s.prompts()
    s.send("echo abandoned\x03")
    s.wait_prompt(n + 1)
    s.run("echo after-ctrl-c\r")
    check("ctrl-c-abandons", "abandoned" not in [l.strip() for l in s.screen.lines()]
          and "after-ctrl-c" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("ec\tcompleted\r")
    check("tab-command", "completed" in s.screen.lines() and "echo completed" in s.screen.text(),
          repr(last_output_lines(s)))

    s.run("echo /bi\t\r")
    check("tab-dir-slash", "/bin/" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo my\t\r")
    check("tab-escapes-space", "my dir/" in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo fil\t\t\x15echo listed\r")
    check("tab-twice-lists", "file_a.txt" in s.screen.text() and "file_b.txt" in s.screen.text(),
          repr(last_output_lines(s, 8)))

    s.run("echo $HOM\t\r")
    check("tab-variable", home in s.screen.lines(), repr(last_output_lines(s)))

    s.run("echo unique-marker-42\r")
    s.run("echo other\r")
    s.run("\x12marker-4\r")  # Ctrl-R
    check("ctrl-r-search", s.screen.text().count("unique-marker-42") >= 3, repr(last_output_lines(s)))

    s.run("echo bang-test\r")
    s.run("!!\r")
    check("history-bang-bang", s.screen.text().count("bang-test") >= 4, repr(last_output_lines(s)))

    s.run("!ech\r")
    check("history-bang-prefix", s.screen.text().count("bang-test") >= 6, repr(last_output_lines(s)))

    s.run("history 3\r")
    check("history-builtin", re.search(r"^\s+\d+\s+history 3$", s.screen.text(), re.M) is not None,
          repr(last_output_lines(s)))

    s.run(" echo secret-space\r")
    s.run("echo x\r")
    s.run("echo y\r")
    s.run("echo y\r")

    # Job control.
    n = s.prompts()
    s.send("sleep 100\r")
    s.wait_for("sleep 100")
    import time
    # The editor has returned the line when the echo of "\r\n" arrived;
    # wait until sleep owns the terminal, then send ^Z.
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        fg = os.tcgetpgrp(s.fd)
        if fg != s.pid:
            break
        s.read_some(0.05)
    s.send("\x1a")
    ok = s.wait_for("Stopped", 1) and s.wait_prompt(n + 1)
    check("ctrl-z-stops", ok and re.search(r"\[1\]\+\s+Stopped\s+sleep 100", s.screen.text()) is not None,
          repr(last_output_lines(s)))
    s.run("jobs\r")
    check("jobs", re.search(r"\[1\]\+\s+Stopped\s+sleep 100", s.screen.lines()[-2] if True else "") is not None
          or s.screen.text().count("Stopped") >= 2, repr(last_output_lines(s)))
    s.run("bg\r")
    check("bg", "[1]+ sleep 100 &" in s.screen.text(), repr(last_output_lines(s)))
    s.run("jobs\r")
    check("jobs-running", re.search(r"\[1\]\+\s+Running\s+sleep 100", s.screen.text()) is not None,
          repr(last_output_lines(s)))
    n = s.prompts()
    s.send("fg\r")
    s.wait_for("sleep 100", s.raw.count("sleep 100") + 1)
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        if os.tcgetpgrp(s.fd) != s.pid:
            break
        s.read_some(0.05)
    s.send("\x03")
    check("fg-ctrl-c", s.wait_prompt(n + 1), repr(last_output_lines(s)))
    s.run("echo status=$?\r")
    check("ctrl-c-status", "status=130" in s.screen.lines(), repr(last_output_lines(s)))

    # A stopped pipeline is one job; kill %1 ends it and it is reported.
    n = s.prompts()
    s.send("sleep 100 | cat\r")
    s.wait_for("sleep 100 | cat")
    # ^Z must reach both processes: wait until both joined the group.
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        fg = os.tcgetpgrp(s.fd)
        if fg != s.pid and group_size(fg) >= 2:
            break
        s.read_some(0.05)
    s.send("\x1a")
    ok = s.wait_prompt(n + 1)
    check("pipeline-stopped", ok and re.search(r"\[1\]\+\s+Stopped\s+sleep 100 \| cat", s.screen.text()) is not None,
          repr(last_output_lines(s)))
    n = s.prompts()
    s.send("exit\r")
    s.wait_prompt(n + 1)
    check("exit-warns-stopped", "There are stopped jobs." in s.screen.text(), repr(last_output_lines(s)))
    s.run("kill %1\r")
    # The job ends asynchronously; each new prompt reports it if it has.
    deadline = time.monotonic() + LIMIT
    while "Terminated" not in s.raw and time.monotonic() < deadline:
        s.run("\r")
    check("killed-job-reported", re.search(r"\[1\]\+?\s+Terminated\s+sleep 100 \| cat", s.screen.text()) is not None,
          repr(last_output_lines(s)))

    # A command spread over lines gets the PS2 prompt.
    n = s.prompts()
    s.send("for i in 1 2\r")
    s.wait_for("> ")
    s.send("do echo loop$i\r")
    s.send("done\r")
    s.wait_prompt(n + 1)
    check("ps2-continuation", "loop1" in s.screen.lines() and "loop2" in s.screen.lines(),
          repr(last_output_lines(s)))
    s.run("\x1b[A\r")
    check("multiline-history", s.screen.lines().count("loop2") >= 2, repr(last_output_lines(s)))

    s.run("sleep 0 &\r")
    check("bg-prints-job", re.search(r"\[1\] \d+", s.screen.text()) is not None, repr(last_output_lines(s)))
    s.run("wait\r")
    s.run("true\r")
    s.run("sleep 0 & wait; echo waited\r")
    check("wait-bg", "waited" in s.screen.lines(), repr(last_output_lines(s)))

    # Long lines wrap; editing in the middle redraws correctly.
    s.close()
    s = Session(home, rows=24, cols=20)
    s.wait_prompt(1)
    long = "echo " + "a" * 30 + "b" * 10
    s.send(long + "\x1b[D" * 10 + "X")
    s.read_some(0.5)
    while s.read_some(0.2):
        pass
    rows = [l for l in s.screen.lines() if l]
    joined = "".join(rows[-3:])
    check("wrap-edit-redraw", joined == "P1$ echo " + "a" * 30 + "X" + "b" * 10,
          repr(rows[-3:]))
    s.run("\r")
    flat = s.screen.text().replace("\n", "")
    check("wrap-run", ("a" * 30 + "X" + "b" * 10) in flat,
          repr(last_output_lines(s)))
    s.send("\x04")
    s.wait_for("exit")
    s.close()

    # History survives the session, saved with mode 0600.
    hist = os.path.join(home, ".sh_history")
    mode = os.stat(hist).st_mode & 0o777 if os.path.exists(hist) else None
    check("histfile-mode-0600", mode == 0o600, "mode %r" % mode)
    data = open(hist).read() if os.path.exists(hist) else ""
    check("histfile-no-space-lines", "secret-space" not in data, repr(data[-100:]))
    check("histfile-no-repeats", "echo y\necho y\n" not in data, repr(data[-100:]))
    s = Session(home)
    s.wait_prompt(1)
    s.run("\x1b[A\r")
    check("history-survives", ("a" * 30 + "X") in s.screen.text().replace("\n", ""),
          repr(last_output_lines(s)))
    s.close()

    serial_console_checks()
    return 0


def edit_long_line(s, width, tag, late_reply=""):
    """Types a line longer than the screen is wide, inserts X 50 characters
    before its end and checks the redrawn screen: the line wraps at the
    terminal's width, once, below the line printed before it.  late_reply
    goes first, as if the terminal had only now answered."""
    n = s.prompts()
    s.send(late_reply)
    s.run("echo marker-above\r")
    prompt = "P%d$ " % (n + 1)
    body = "c" * (width + 20) + "d" * 50
    s.send("echo " + body + "\x1b[D" * 50 + "X")
    edited = prompt + "echo " + body[:-50] + "X" + body[-50:]
    # The last redraw ends with the cursor moves after the text.
    s.wait_re(re.escape(edited) + r"(?:\r\n)?(?:\x1b\[\d+A)?\r(?:\x1b\[\d+C)?")
    rows = [l for l in s.screen.lines() if l]
    starts = [i for i, r in enumerate(rows) if r.startswith(prompt)]
    first = starts[0] if len(starts) == 1 else 0
    ok = (len(starts) == 1 and first > 0 and rows[first - 1] == "marker-above" and
          "".join(rows[first:]) == edited and
          all(len(r) == width for r in rows[first:-1]))
    check(tag + "-wrap-edit", ok, repr(rows[-5:]))
    s.run("\r")
    flat = s.screen.text().replace("\n", "")
    check(tag + "-wrap-run", (body[:-50] + "X" + body[-50:]) in flat,
          repr(last_output_lines(s)))


def serial_console_checks():
    """A serial console reports a 0x0 window: the editor asks the terminal
    for its width (ESC [ 6 n after moving far right) and wraps there; with
    no answer it takes 80 columns after a short timeout."""
    home = tempfile.mkdtemp()
    s = Session(home, rows=24, cols=132, winsize=(0, 0), answer=True)
    # Keys typed before the terminal's answer are not lost.
    s.send("echo early\r")
    ok = s.wait_prompt(2)
    check("winsize0-typeahead", ok and "early" in s.screen.lines(),
          repr(last_output_lines(s)))
    check("winsize0-asks", s.screen.queries >= 1, "no ESC[6n in %r" % s.raw[:100])
    edit_long_line(s, 132, "winsize0-answer132")
    s.close()

    # Narrower than the fallback: 80 columns assumed would repeat rows.
    s = Session(home, rows=24, cols=50, winsize=(0, 0), answer=True)
    s.wait_prompt(1)
    edit_long_line(s, 50, "winsize0-answer50")
    s.close()

    s = Session(home, rows=24, cols=80, winsize=(0, 0), answer=False)
    check("winsize0-noanswer-prompt", s.wait_prompt(1), repr(s.raw[-100:]))
    edit_long_line(s, 80, "winsize0-noanswer")
    s.run("echo again\r")
    check("winsize0-noanswer-asks-once", s.screen.queries == 1,
          "%d queries" % s.screen.queries)
    s.close()

    # A terminal whose report came after the editor gave up waiting is
    # asked again at the next line.
    s = Session(home, rows=24, cols=132, winsize=(0, 0), answer=False)
    s.wait_prompt(1)
    s.screen.answer = True
    edit_long_line(s, 132, "winsize0-late-answer", late_reply="\x1b[1;5R")
    s.close()


if __name__ == "__main__":
    sys.exit(main())
