"""Console scenario: alice's containers at the serial console, as she
uses them after logging in (login delegates her cgroup subtree).

  - a fork bomb in `isolate --pids 20` meets EAGAIN inside, and the shell
    outside still answers;
  - a memory hog in `isolate --memory 16M` is OOM-killed inside, and the
    container's memory.events counts it;
  - ^Z on a foreground `isolate` freezes the container's cgroup (its init
    ignores SIGTSTP, as a pid namespace's init does) and stops the job;
    `jobs` lists it as one job and `fg` thaws it;
  - a program refused by the seccomp filter gets EPERM, and `isolate -v`
    explains the refusal.

Prints PASS/FAIL lines.  A step that must follow the guest waits for what
the guest prints ("ready", a prompt); every expect() has a generous limit
(STEP seconds) that only bounds a hang on a busy host and never decides a
pass.
"""
import re
import shutil
import subprocess
import sys
import tempfile

from qemu_console import Console, Timeout

STEP = 120
BOOT = 120
ALICE = r"alice@[a-z]+:[^\n]*\$ $"


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why!r}", flush=True)


def fork_bomb(c):
    # Each failed fork says so on the bomb's stderr; the container's init
    # waits, with shell builtins only, for the first such line.
    out = c.run("isolate --pids 20 sh -c 'f() { f | f & }; f 2>/tmp/bomb; "
                "until [ -s /tmp/bomb ]; do :; done; "
                "grep -c . /tmp/bomb >/dev/null && head -1 /tmp/bomb'", ALICE, STEP)
    check("isolate-fork-bomb-eagain", "Resource temporarily unavailable" in out, out)
    out = c.run("echo still here", ALICE, STEP)
    check("isolate-fork-bomb-shell-answers", "still here" in out, out)
    c.run("rm -f /tmp/bomb", ALICE, STEP)


def memory_hog(c):
    out = c.run("isolate --memory 16M sh -c 'sh -c \"x=a; while :; do x=\\$x\\$x; done\"; "
                "echo hog status $?; "
                "grep oom_kill /sys/fs/cgroup$(sed -n s/^0:://p /proc/self/cgroup)/memory.events'",
                ALICE, STEP)
    check("isolate-memory-hog-killed", "hog status 137" in out, out)
    check("isolate-memory-oom-kill-counted", re.search(r"^oom_kill 1$", out, re.M), out)


def freeze(c):
    c.send("isolate sh -c 'trap \"\" TSTP; echo ready; read word; echo got $word'\n")
    c.expect(r"\nready\n", STEP)
    c.send("\x1a")
    out = c.expect(ALICE, STEP)
    check("isolate-ctrl-z-stops-job", "Stopped" in out, out)
    out = c.run("jobs", ALICE, STEP)
    check("isolate-jobs-one-job", len(re.findall(r"^\[\d+\]", out, re.M)) == 1 and
          "Stopped" in out and "isolate" in out, out)
    out = c.run("cat /sys/fs/cgroup/user/1000/isolate-*/cgroup.freeze; "
                "grep frozen /sys/fs/cgroup/user/1000/isolate-*/cgroup.events", ALICE, STEP)
    check("isolate-ctrl-z-froze-cgroup", out.split() == ["1", "frozen", "1"], out)
    c.send("fg\n")
    c.expect(r"fg\n", STEP)
    c.send("thawed\n")
    out = c.expect(ALICE, STEP)
    check("isolate-fg-thaws", "got thawed" in out, out)
    out = c.run("jobs", ALICE, STEP)
    check("isolate-no-job-left", out.strip() == "", out)


def seccomp_denial(c):
    out = c.run("isolate -v /sbin/poweroff -f 2>&1 | grep -e denied -e Operation", ALICE, STEP)
    check("isolate-seccomp-eperm", "Operation not permitted" in out, out)
    check("isolate-seccomp-explained",
          re.search(r"isolate: denied: seccomp .*\(syscall reboot\)", out), out)


def main():
    kernel, image = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    img = f"{work}/root.img"
    shutil.copy(image, img)
    c = Console(kernel, img)
    try:
        c.login("alice", "alice", ALICE, BOOT)
        fork_bomb(c)
        memory_hog(c)
        freeze(c)
        seccomp_denial(c)
        c.send("exit\n")
        c.expect(r"login: $", STEP)
        check("isolate-scenario-done", True)
    except Timeout as e:
        check("isolate-scenario", False, str(e))
    finally:
        c.kill()
    fsck = subprocess.run(["e2fsck", "-fn", img], capture_output=True, text=True)
    check("isolate-e2fsck-clean", fsck.returncode == 0, fsck.stdout[-300:])
    shutil.rmtree(work)


main()
