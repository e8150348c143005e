"""Console scenario: job control, history and completion at the guest's
serial console, as a person uses them.  Prints PASS/FAIL lines.

Nothing here waits a fixed time for the guest.  A job that must own the
terminal before a key is sent proves it by printing "ready" itself: our sh
puts a foreground child in its group and hands it the terminal before the
child runs, so once "ready" is on the screen ^Z and ^C reach the job.  A
job continued by fg prints "resumed" from its SIGCONT trap, which the shell
sends only after giving it the terminal.  The line editor redraws the
prompt as keys arrive, so a typed line first waits for its own echo ended
by Enter (Console.run), never for the prompt alone.  Every expect() has a generous
limit (STEP seconds) that only bounds a hang on a busy host; it never
decides a pass.
"""
import re
import shutil
import subprocess
import sys
import tempfile

from qemu_console import Console, Timeout

PROMPT = r"root@[a-z]+:[^\n]*# $"
STEP = 60		# seconds a single step may take before it counts as hung
BOOT = 120		# seconds to the first prompt

# A job that says when it owns the terminal and when it is continued.
LOOPER = "sh -c 'trap \"echo resumed\" CONT; echo ready; while :; do sleep 1; done'"
# A two-process pipeline whose last member says it has joined the job.
PIPE = "sleep 100 | sh -c 'echo ready; exec cat'"


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why!r}", flush=True)


def until_seen(c, text, what):
    """Press Enter until an asynchronous report (text) shows up: the shell
    prints job reports before a prompt, and when the job ends is up to the
    guest.  Bounded by STEP seconds' worth of prompts."""
    seen = ""
    for _ in range(STEP):
        seen += c.run("", PROMPT, STEP)
        if text in seen:
            return seen
        seen += c.run("sleep 1", PROMPT, STEP)
        if text in seen:
            return seen
    raise Timeout(f"{what}: {text!r} never reported; saw {seen[-300:]!r}")


def jobs_part(c):
    c.send(LOOPER + "\n")
    c.expect(r"\nready\n", STEP)
    c.send("\x1a")
    out = c.expect(PROMPT, STEP)
    check("jobs-ctrl-z-stops", "Stopped" in out and "sleep 1" in out, out)
    out = c.run("jobs", PROMPT, STEP)
    check("jobs-jobs-lists", "[1]" in out and "Stopped" in out, out)
    out = c.run("bg", PROMPT, STEP)
    check("jobs-bg", "done' &" in out, out)
    out = c.run("jobs", PROMPT, STEP)
    check("jobs-running-after-bg", "Running" in out, out)
    c.send("fg\n")
    c.expect(r"fg\n", STEP)
    c.expect(r"resumed\n", STEP)
    c.send("\x03")
    out = c.expect(PROMPT, STEP)
    check("jobs-fg-ctrl-c", "^C" in out, out)
    out = c.run("echo status=$?", PROMPT, STEP)
    check("jobs-ctrl-c-status", "status=130" in out, out)
    out = c.run("jobs", PROMPT, STEP)
    check("jobs-none-left", out.strip() == "", out)

    out = c.run("sleep 1 &", PROMPT, STEP)
    check("jobs-background-started", "[1] " in out, out)
    out = until_seen(c, "Done", "background sleep")	# sleep 1 ends after a prompt
    check("jobs-done-reported", re.search(r"Done\s+sleep 1$", out, re.M) is not None, out)


def pipeline_part(c):
    # ^Z stops the whole pipeline as one job; exit warns about it once;
    # kill %1 ends it and the end is reported.
    c.send(PIPE + "\n")
    c.expect(r"\nready\n", STEP)
    c.send("\x1a")
    out = c.expect(PROMPT, STEP)
    check("jobs-pipeline-stopped", "Stopped" in out and "sleep 100 | sh -c" in out, out)
    out = c.run("exit", PROMPT, STEP)
    check("jobs-exit-warns-stopped", "There are stopped jobs." in out, out)
    # The shell may reap the job while kill still runs and report it before
    # the very next prompt, so kill's own output counts too.
    out = c.run("kill %1", PROMPT, STEP)
    if "Terminated" not in out:
        out += until_seen(c, "Terminated", "killed pipeline")
    check("jobs-killed-job-reported", re.search(r"Terminated\s+sleep 100 \| sh -c", out) is not None, out)
    out = c.run("sleep 0 &", PROMPT, STEP)
    check("jobs-bg-prints-job", "[1] " in out, out)
    out = c.run("sleep 0 & wait; echo waited", PROMPT, STEP)
    check("jobs-wait-bg", "\nwaited" in out, out)


def lines_part(c):
    # A command spread over lines gets PS2; history recalls it whole.
    c.send("for i in 1 2\n")
    c.expect(r"for i in 1 2\n> $", STEP)
    c.send("do echo loop$i\n")
    c.expect(r"do echo loop\$i\n> $", STEP)
    out = c.run("done", PROMPT, STEP)
    check("lines-ps2-continuation", out.startswith("loop1\nloop2"), out)
    c.send("\x1b[A")		# Up: the whole loop again
    c.expect(r"done$", STEP)
    c.send("\n")
    out = c.expect(r"\nloop2\n" + PROMPT, STEP)
    check("lines-multiline-history", "\nloop1\nloop2\n" in out, out)

    c.run("echo history-probe", PROMPT, STEP)
    c.send("\x1b[A")		# Up: recall the last command
    c.expect(r"echo history-probe$", STEP)
    c.send("\n")
    c.expect(r"echo history-probe\n", STEP)	# Enter may redraw the line first
    out = "\n" + c.expect(PROMPT, STEP)
    check("history-up-arrow", "\nhistory-probe\n" in out, out)

    c.send("ls /bi\t")
    c.expect(r"ls /bin/$", STEP)
    check("complete-path", True)
    c.send("\x15")			# Ctrl-U: drop the line
    c.send("ec\t")
    c.expect(r"echo $", STEP)
    c.send("completed\n")
    c.expect(r"echo completed\n", STEP)
    out = c.expect(PROMPT, STEP)
    out = "\n" + out
    check("complete-command", "\ncompleted\n" in out, out)


def main():
    kernel, image = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    img = f"{work}/root.img"
    shutil.copy(image, img)
    c = Console(kernel, img)
    try:
        c.login("root", "root", PROMPT, BOOT)
        jobs_part(c)
        pipeline_part(c)
        lines_part(c)
        c.send("poweroff\n")
        check("jobs-poweroff", c.wait_exit(STEP), "qemu still running")
        c.kill()
        c = Console(kernel, img)
        c.login("root", "root", PROMPT, BOOT)
        c.send("\x1b[A")		# the last line before the reboot: poweroff
        c.expect(r"# poweroff$", STEP)
        c.send("\x1b[A")
        c.expect(r"echo completed$", STEP)
        check("history-survives-reboot", True)
        c.send("\x15poweroff\n")
        c.wait_exit(STEP)
    except Timeout as e:
        check("jobs-scenario", False, str(e))
    finally:
        c.kill()
    fsck = subprocess.run(["e2fsck", "-fn", img], capture_output=True, text=True)
    check("jobs-e2fsck-clean", fsck.returncode == 0, fsck.stdout[-300:])
    shutil.rmtree(work)


main()
