"""Console scenario: boot to the shell, use it as a person would, power off,
boot again and find the file written before.  Prints PASS/FAIL lines."""
import shutil
import subprocess
import sys
import tempfile

from qemu_console import Console, Timeout

PROMPT = r"root@[a-z]+:[^\n]*# $"
results = []


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}", flush=True)


def main():
    kernel, image = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    img = f"{work}/root.img"
    shutil.copy(image, img)
    c = Console(kernel, img)
    try:
        c.login("root", "root", PROMPT, 60)
        check("console-boot-to-prompt", True)
        out = c.run("uname -a", PROMPT)
        check("console-uname", "riscv64" in out and "Linux" in out, out)
        out = c.run("ls /", PROMPT)
        check("console-ls-root", all(d in out for d in ("bin", "etc", "proc", "tmp")), out)
        out = c.run("cat /etc/passwd", PROMPT)
        check("console-cat-passwd", "root:x:0:0:" in out, out)
        out = c.run("echo hi > /tmp/f; cat /tmp/f", PROMPT)
        check("console-redirect-tmp", out.strip() == "hi", out)
        out = c.run("mkdir -p /root/d/e && ls /root/d", PROMPT)
        check("console-mkdir-p", out.strip() == "e", out)
        out = c.run("ps", PROMPT)
        check("console-ps", " ps" in out and "sh" in out, out)
        out = c.run("echo one two | wc -w", PROMPT)
        check("console-pipe", out.strip() == "2", out)
        out = c.run("echo persistent-data > /root/keep; sync; cat /root/keep", PROMPT)
        check("console-write-root", out.strip() == "persistent-data", out)
        c.send("poweroff\n")
        check("console-poweroff", c.wait_exit(30), "qemu still running 30 s after poweroff")
        c.kill()

        c = Console(kernel, img)
        c.login("root", "root", PROMPT, 60)
        out = c.run("cat /root/keep", PROMPT)
        check("console-file-survives-reboot", out.strip() == "persistent-data", out)
        c.send("poweroff\n")
        check("console-second-poweroff", c.wait_exit(30), "qemu still running")
    except Timeout as e:
        check("console-scenario", False, str(e))
    finally:
        c.kill()
    fsck = subprocess.run(["e2fsck", "-fn", img], capture_output=True, text=True)
    check("console-e2fsck-clean", fsck.returncode == 0, fsck.stdout[-300:])
    shutil.rmtree(work)


main()
