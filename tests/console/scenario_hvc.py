"""Console scenario: two terminals at once.  The guest image gets an
/etc/inittab that keeps a root shell on the serial console and one on
/dev/hvc0, the virtio console, which qemu offers on a Unix socket.  Python
types at both: a command on hvc0, ^C to a sleep there while a job on the
serial console runs on, the terminal and session each shell has, and a
logout on hvc0 that init answers with a new shell there alone.  Run over
the modern and the legacy virtio-mmio transport.  A last boot gives init a
program that ends at once on hvc0, a terminal that does not exist and a
malformed line, and reads what init says of them.  Prints PASS/FAIL lines.
"""
import re
import shutil
import subprocess
import sys
import tempfile

from qemu_console import Console, SocketTerminal, Timeout

PROMPT = r"root@[a-z]+:[^\n]*# $"
STEP = 60	# only stops a hang
INITTAB = """# Test terminals: a root shell on each.
/dev/console /bin/sh -l
/dev/hvc0 /bin/sh -l
"""
GUARD_INITTAB = """/dev/console /bin/sh -l
/dev/hvc0 /bin/false
/dev/ttyS7 /bin/sh -l
/dev/hvc0
"""
HVC_TTY_NR = 229 << 8		# major 229, minor 0
CONSOLE_TTY_NR = 5 << 8 | 1


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}", flush=True)


def add_inittab(img, work, text):
    """Put text at /etc/inittab in the image, owned by root."""
    src = f"{work}/inittab"
    with open(src, "w") as f:
        f.write(text)
    cmds = f"{work}/debugfs.cmds"
    with open(cmds, "w") as f:
        f.write(f"cd /etc\nrm inittab\nwrite {src} inittab\n"
                "set_inode_field inittab uid 0\nset_inode_field inittab gid 0\n")
    subprocess.run(["debugfs", "-w", "-f", cmds, img], check=True,
                   capture_output=True)


def stat_field(term, index):
    """A field of the shell's /proc/PID/stat (1-based, as in proc(5))."""
    out = term.run("cat /proc/$$/stat", PROMPT, STEP)
    fields = out.strip().split(") ")[-1].split()
    return int(fields[index - 3])


def terminals_part(c, h, tag):
    out = h.run("echo hello-$((6*7))", PROMPT, STEP)
    check(f"{tag}-echo", "hello-42" in out, out)
    # More than the driver's one-page output ring, and a line longer
    # than one receive buffer's worth of a single write is common.
    out = h.run("seq 1 3000", PROMPT, STEP)
    nums = out.split()
    check(f"{tag}-long-output", nums == [str(i) for i in range(1, 3001)],
          f"{len(nums)} lines, last {nums[-1:]}")
    word = "x" * 600
    out = h.run(f"echo {word} | wc -c", PROMPT, STEP)
    check(f"{tag}-long-input", out.strip() == "601", out)
    out = h.run("ls -l /proc/$$/fd/0", PROMPT, STEP)
    check(f"{tag}-stdin-is-hvc0", out.rstrip().endswith("-> /dev/hvc0"), out)
    nr = stat_field(h, 7)
    check(f"{tag}-controlling-tty", nr == HVC_TTY_NR, f"tty_nr {nr}")
    nr = stat_field(c, 7)
    check(f"{tag}-console-controlling-tty", nr == CONSOLE_TTY_NR, f"tty_nr {nr}")
    check(f"{tag}-own-session", stat_field(h, 6) != stat_field(c, 6), "one session")


def ctrl_c_part(c, h, tag):
    # A job of the serial console's shell must live through ^C on hvc0.
    out = c.run("sleep 100 &", PROMPT, STEP)
    check(f"{tag}-serial-job-started", "[1] " in out, out)
    # The job says it started once it is the foreground (the shell's
    # child takes the terminal before it runs the program), so the ^C
    # cannot reach the shell's own group instead.
    h.send("sh -c 'echo started; exec sleep 100'\n")
    h.expect(r"\nstarted\n", STEP)
    h.send("\x03")
    out = h.expect(PROMPT, STEP)
    check(f"{tag}-ctrl-c", "^C" in out, out)
    out = h.run("echo status=$?", PROMPT, STEP)
    check(f"{tag}-ctrl-c-status", "status=130" in out, out)
    out = c.run("jobs", PROMPT, STEP)
    check(f"{tag}-serial-unaffected", "Running" in out and "sleep 100" in out, out)
    c.run("kill %1", PROMPT, STEP)
    out = c.run("echo serial-$((2+3))", PROMPT, STEP)
    check(f"{tag}-serial-still-types", "serial-5" in out, out)


def logout_part(c, h, tag):
    # exit on hvc0: init gives the terminal back to root and starts a new
    # shell there; the serial console's shell is the same one as before.
    before = c.run("echo $$", PROMPT, STEP).strip()
    h.send("exit\n")
    c.expect(r"init: /bin/sh on /dev/hvc0 exited\n", STEP)
    c.expect(r"init: starting /bin/sh on /dev/hvc0\n", STEP)
    h.expect(PROMPT, STEP)
    out = h.run("echo again-$((40+2))", PROMPT, STEP)
    check(f"{tag}-respawned", "again-42" in out, out)
    c.send("\n")
    c.expect(PROMPT, STEP)
    after = c.run("echo $$", PROMPT, STEP).strip()
    check(f"{tag}-serial-shell-kept", before == after, f"{before} then {after}")
    out = c.run("ls -l /dev/hvc0", PROMPT, STEP)
    check(f"{tag}-terminal-back-to-root", out.startswith("crw------- 1 root root"), out)


def hvc_args(sock):
    return ["-device", "virtio-serial-device",
            "-chardev", f"socket,id=hvc0,path={sock},server=on,wait=off",
            "-device", "virtconsole,chardev=hvc0"]


def guard_boot(kernel, img, work):
    """A program ending at once is started again later, not in a loop; the
    other lines are told of once; the console's shell is unaffected."""
    tag = "hvc-init"
    c = Console(kernel, img, append="root=/dev/vda", extra=hvc_args(f"{work}/hvc0.sock"))
    try:
        c.expect(r"init: /etc/inittab:4: no program after the terminal; line skipped\n", STEP)
        check(f"{tag}-malformed-line-named", True)
        c.expect(r"init: /dev/ttyS7: No such file or directory; not starting /bin/sh there\n",
                 STEP)
        check(f"{tag}-absent-terminal-told", True)
        out = c.expect(r"init: /bin/false on /dev/hvc0 ended at once (\d+) times in a row; "
                       r"starting it again in \d+ s\n", STEP)
        times = int(re.search(r"at once (\d+) times", out).group(1))
        c.expect(r"init: starting /bin/false on /dev/hvc0\n", STEP)
        check(f"{tag}-respawn-guard", times == 3, f"first told after {times} quick ends")
        out = c.expect(r"init: /bin/false on /dev/hvc0 ended at once \d+ times in a row", STEP)
        check(f"{tag}-absent-terminal-told-once", "ttyS7" not in out, out)
        c.send("poweroff\n")
        check(f"{tag}-poweroff", c.wait_exit(STEP), "qemu still running")
    except Timeout as e:
        check(f"{tag}-scenario", False, str(e))
    finally:
        c.kill()


def boot(kernel, img, work, legacy):
    tag = "hvc-legacy" if legacy else "hvc"
    sock = f"{work}/hvc0.sock"
    extra = hvc_args(sock)
    if legacy:
        extra += ["-global", "virtio-mmio.force-legacy=true"]
    c = Console(kernel, img, append="root=/dev/vda", extra=extra)
    h = None
    try:
        h = SocketTerminal(sock, STEP)
        probe = c.expect(r"virtio-console: hvc0[^\n]*\n", STEP)
        check(f"{tag}-probe", ("(legacy virtio-mmio)" in probe) == legacy, probe)
        c.expect(PROMPT, STEP)
        h.send("\n")
        h.expect(PROMPT, STEP)
        check(f"{tag}-prompt", True)
        terminals_part(c, h, tag)
        ctrl_c_part(c, h, tag)
        logout_part(c, h, tag)
        c.send("poweroff\n")
        check(f"{tag}-poweroff", c.wait_exit(STEP), "qemu still running")
    except Timeout as e:
        check(f"{tag}-scenario", False, str(e))
    finally:
        if h:
            h.kill()
        c.kill()


def fsck_check(tag, img):
    fsck = subprocess.run(["e2fsck", "-fn", img], capture_output=True, text=True)
    check(f"{tag}-e2fsck-clean", fsck.returncode == 0, fsck.stdout[-300:])


def main():
    kernel, image = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    img = f"{work}/root.img"
    try:
        for legacy in (False, True):
            shutil.copy(image, img)
            add_inittab(img, work, INITTAB)
            boot(kernel, img, work, legacy)
            fsck_check("hvc-legacy" if legacy else "hvc", img)
        shutil.copy(image, img)
        add_inittab(img, work, GUARD_INITTAB)
        guard_boot(kernel, img, work)
        fsck_check("hvc-init", img)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
