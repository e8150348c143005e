#!/usr/bin/env python3
"""The shell in the guest, through the serial console, like a person:
sleep 100, ^Z, the Stopped line, bg, jobs, fg, ^C; Up recalls the previous
command; Tab completes /bi to /bin/ and ec to echo; history survives a
reboot.  Boots build/kernel on a scratch copy of build/rootfs.img with
init=/bin/sh, twice.  Prints PASS/FAIL lines.

usage: console_scenario.py KERNEL ROOTFS
"""
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_test import Screen  # noqa: E402

LIMIT = 60.0  # a boot under TCG is slow; this only catches a hang


class Console:
    def __init__(self, kernel, image):
        cmd = ["qemu-system-riscv64", "-machine", "virt", "-bios", "default",
               "-smp", "2", "-m", "256M", "-nographic",
               "-global", "virtio-mmio.force-legacy=false",
               "-device", "virtio-rng-device", "-kernel", kernel,
               "-append", "root=/dev/vda init=/bin/sh",
               "-drive", "file=%s,format=raw,if=none,id=vda" % image,
               "-device", "virtio-blk-device,drive=vda"]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.raw = ""
        self.screen = Screen(24, 80)
        self.n = 0

    def read_some(self, timeout):
        r, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not r:
            return False
        data = os.read(self.proc.stdout.fileno(), 4096).decode("utf-8", "replace")
        if not data:
            return False
        self.raw += data
        self.screen.feed(data)
        return True

    def wait_for(self, pattern, count=1):
        end = time.monotonic() + LIMIT
        while self.raw.count(pattern) < count:
            left = end - time.monotonic()
            if left <= 0 or not self.read_some(left):
                return False
        return True

    def send(self, keys):
        self.proc.stdin.write(keys.encode())
        self.proc.stdin.flush()

    def run(self, keys):
        self.n += 1
        self.send(keys)
        return self.wait_for("G%d$ " % self.n)

    def close(self):
        self.proc.kill()
        self.proc.wait()


def check(name, ok, why=""):
    print(("PASS sh-console-%s" % name) if ok else ("FAIL sh-console-%s: %s" % (name, why)))


def tail(c):
    return repr([l for l in c.screen.lines() if l][-5:])


def boot(kernel, image):
    c = Console(kernel, image)
    # The default prompt ends in "# " for root; then switch to a counting one.
    ok = c.wait_for("# ")
    if ok:
        c.send("PS1='G$((N+=1))$ '\r")
        ok = c.wait_for("G1$ ")
        c.n = 1
    return c, ok


def main():
    kernel, rootfs = sys.argv[1], sys.argv[2]
    scratch = tempfile.mkdtemp()
    image = os.path.join(scratch, "rootfs.img")
    shutil.copy(rootfs, image)
    c, ok = boot(kernel, image)
    check("boot-to-shell", ok, repr(c.raw[-300:]))
    if not ok:
        c.close()
        return
    c.send("sleep 100\r")
    c.wait_for("sleep 100")
    time.sleep(2)  # let sleep take the terminal; ^Z before would hit the shell
    c.send("\x1a")
    c.n += 1
    ok = c.wait_for("G%d$ " % c.n)
    check("ctrl-z-stopped", ok and re.search(r"\[1\]\+\s+Stopped\s+sleep 100", c.screen.text()) is not None,
          tail(c))
    c.run("bg\r")
    check("bg", "[1]+ sleep 100 &" in c.screen.text(), tail(c))
    c.run("jobs\r")
    check("jobs", re.search(r"\[1\]\+\s+Running\s+sleep 100", c.screen.text()) is not None, tail(c))
    c.send("fg\r")
    time.sleep(2)
    c.send("\x03")
    c.n += 1
    check("fg-ctrl-c", c.wait_for("G%d$ " % c.n), tail(c))
    c.run("echo recall-me\r")
    c.run("\x1b[A\r")
    check("up-recalls", c.screen.text().count("recall-me") >= 4, tail(c))
    c.run("echo /bi\t\r")
    check("tab-bin", "/bin/" in c.screen.lines(), tail(c))
    c.run("ec\tcompleted\r")
    check("tab-echo", "completed" in c.screen.lines(), tail(c))
    c.run("echo persist-marker-7\r")
    c.send("sync; poweroff\r")
    c.wait_for("persist-marker-7", 3)
    end = time.monotonic() + LIMIT
    while c.proc.poll() is None and time.monotonic() < end:
        c.read_some(1)
    c.close()
    c, ok = boot(kernel, image)
    c.run("\x1b[A\x1b[A\x1b[A\r")
    check("history-survives-reboot", c.screen.text().count("persist-marker-7") >= 2, tail(c))
    c.close()
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
