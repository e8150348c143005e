"""Console scenario: job control, history and completion at the guest's
serial console, as a person uses them.  Prints PASS/FAIL lines."""
import shutil
import subprocess
import sys
import tempfile
import time

from qemu_console import Console, Timeout

PROMPT = r"root@[a-z]+:[^\n]*# $"


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why!r}", flush=True)


def main():
    kernel, image = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    img = f"{work}/root.img"
    shutil.copy(image, img)
    c = Console(kernel, img)
    try:
        c.expect(PROMPT, 60)
        c.send("sleep 100\n")
        c.expect(r"sleep 100\n", 10)
        time.sleep(1)
        c.send("\x1a")
        out = c.expect(PROMPT, 10)
        check("jobs-ctrl-z-stops", "Stopped" in out and "sleep 100" in out, out)
        out = c.run("jobs", PROMPT)
        check("jobs-jobs-lists", "[1]" in out and "Stopped" in out, out)
        out = c.run("bg", PROMPT)
        check("jobs-bg", "sleep 100 &" in out, out)
        out = c.run("jobs", PROMPT)
        check("jobs-running-after-bg", "Running" in out, out)
        c.send("fg\n")
        c.expect(r"fg\n", 10)
        time.sleep(1)
        c.send("\x03")
        out = c.expect(PROMPT, 10)
        check("jobs-fg-ctrl-c", "^C" in out, out)
        out = c.run("jobs", PROMPT)
        check("jobs-none-left", out.strip() == "", out)
        c.send("sleep 1 &\n")
        out = c.expect(PROMPT, 10)
        check("jobs-background-started", "[1] " in out, out)
        time.sleep(2)
        out = c.run("echo next", PROMPT)
        check("jobs-done-reported", "Done" in out and "next" in out, out)

        c.run("echo history-probe", PROMPT)
        c.send("\x1b[A")		# Up: recall the last command
        c.expect(r"echo history-probe$", 10)
        c.send("\n")
        out = c.expect(PROMPT, 10)
        check("history-up-arrow", "\nhistory-probe\n" in out, out)

        c.send("ls /bi\t")
        c.expect(r"ls /bin/$", 10)
        check("complete-path", True)
        c.send("\x15")			# Ctrl-U: drop the line
        c.send("ec\t")
        c.expect(r"echo $", 10)
        c.send("completed\n")
        out = c.expect(PROMPT, 10)
        check("complete-command", "\ncompleted\n" in out, out)

        c.send("poweroff\n")
        check("jobs-poweroff", c.wait_exit(30), "qemu still running")
        c.kill()
        c = Console(kernel, img)
        c.expect(PROMPT, 60)
        c.send("\x1b[A")		# the last line before the reboot: poweroff
        c.expect(r"# poweroff$", 10)
        c.send("\x1b[A")
        c.expect(r"echo completed$", 10)
        check("history-survives-reboot", True)
        c.send("\x15poweroff\n")
        c.wait_exit(30)
    except Timeout as e:
        check("jobs-scenario", False, str(e))
    finally:
        c.kill()
    fsck = subprocess.run(["e2fsck", "-fn", img], capture_output=True, text=True)
    check("jobs-e2fsck-clean", fsck.returncode == 0, fsck.stdout[-300:])
    shutil.rmtree(work)


main()
