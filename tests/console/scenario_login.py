"""Console scenario: two people at two terminals, as the packaged system
boots (init keeps login on /dev/console and on /dev/hvc0, the virtio
console, here on a Unix socket).  On the serial console alice mistypes
her password, logs in, finds /etc/shadow closed to her, becomes root with
`su -` and comes back, changes her password with passwd, logs out; her
old password is then refused and the new one accepted; bob logs in after
her, and starts a container with `isolate sh`.  Root, logged in on the
second terminal all along, sees them in `who`.  Prints PASS/FAIL lines.

Every expect() has a generous limit (STEP seconds) that only bounds a hang
on a busy host; it never decides a pass.
"""
import re
import shutil
import subprocess
import sys
import tempfile

from qemu_console import Console, SocketTerminal, Timeout

STEP = 60
BOOT = 120
ROOT = r"root@[a-z]+:[^\n]*# $"


def user_prompt(name):
    return name + r"@[a-z]+:[^\n]*\$ $"


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why!r}", flush=True)


def scenario(c, h):
    # Root on the second terminal.
    h.send("\n")
    h.login("root", "root", ROOT, BOOT)
    check("login-root-on-hvc0", True)
    out = h.run("tty", ROOT)
    check("login-hvc0-tty", out.strip() == "/dev/hvc0", out)

    # alice on the serial console: a wrong password first.
    c.expect(r"login: $", BOOT)
    c.send("alice\n")
    c.expect(r"Password: $", STEP)
    c.send("not-her-password\n")
    out = c.expect(r"login: $", STEP)
    check("login-wrong-password-refused", "Login incorrect" in out, out)
    c.send("alice\n")
    c.expect(r"Password: $", STEP)
    c.send("alice\n")
    out = c.expect(user_prompt("alice"), STEP)
    # The password is not echoed.
    check("login-alice", "alice\n" not in out.split("Password:")[-1], out)
    out = c.run("whoami", user_prompt("alice"))
    check("login-alice-whoami", out.strip() == "alice", out)
    out = c.run("pwd", user_prompt("alice"))
    check("login-alice-home", out.strip() == "/home/alice", out)
    out = c.run("id", user_prompt("alice"))
    check("login-alice-id", out.strip() ==
          "uid=1000(alice) gid=1000(alice) groups=1000(alice),100(users)", out)
    out = c.run("cat /etc/shadow", user_prompt("alice"))
    check("login-alice-no-shadow", "Permission denied" in out, out)
    out = c.run("ls /home/bob", user_prompt("alice"))
    check("login-alice-not-bobs-home", "Permission denied" in out, out)
    out = c.run("ls -l $(tty)", user_prompt("alice"))
    check("login-tty-given-to-alice", re.search(r"^crw--w---- +1 alice +tty ", out, re.M), out)

    # root's view from the second terminal.
    out = h.run("who", ROOT)
    check("login-who-both", re.search(r"^alice +console ", out, re.M) and
          re.search(r"^root +hvc0 ", out, re.M), out)

    # su - to root and back.
    c.send("su -\n")
    c.expect(r"Password: $", STEP)
    c.send("root\n")
    c.expect(ROOT, STEP)
    out = c.run("id -u; pwd", ROOT)
    check("login-su-root", out.split() == ["0", "/root"], out)
    c.send("exit\n")
    out = c.expect(user_prompt("alice"), STEP)
    check("login-su-exit-back", True)
    c.send("su -c 'exit 7' bob\n")
    c.expect(r"Password: $", STEP)
    c.send("wrong\n")
    out = c.expect(user_prompt("alice"), STEP)
    check("login-su-wrong-password", "su: Authentication failure" in out, out)
    out = h.run("dmesg | grep 'FAILED su'", ROOT)
    check("login-su-failure-logged", "FAILED su for bob by alice" in out, out)

    # passwd: old, new, again.
    c.send("passwd\n")
    for prompt, answer in ((r"[Cc]urrent password: $", "alice"),
                           (r"New password: $", "wonderland"),
                           (r"Retype new password: $", "wonderland")):
        c.expect(prompt, STEP)
        c.send(answer + "\n")
    out = c.expect(user_prompt("alice"), STEP)
    check("login-passwd-changed", "updated successfully" in out, out)

    # Log out: the console asks again; the old password no longer works.
    c.send("exit\n")
    c.expect(r"login: $", STEP)
    c.send("alice\n")
    c.expect(r"Password: $", STEP)
    c.send("alice\n")
    out = c.expect(r"login: $", STEP)
    check("login-old-password-refused", "Login incorrect" in out, out)
    c.send("alice\n")
    c.expect(r"Password: $", STEP)
    c.send("wonderland\n")
    c.expect(user_prompt("alice"), STEP)
    check("login-new-password", True)
    c.send("exit\n")

    # bob, after her.
    c.login("bob", "bob", user_prompt("bob"), STEP)
    out = c.run("whoami; cat /home/alice/.profile", user_prompt("bob"))
    check("login-bob", out.startswith("bob\n") and "Permission denied" in out, out)
    # bob starts a container: a shell that is PID 1 of a world of its own.
    ISO = r"root@isolated:[^\n]*# $"
    c.send("isolate sh\n")
    c.expect(ISO, STEP)
    out = c.run("ps aux", ISO)
    pids = [l.split()[1] for l in out.strip().split("\n")[1:]]
    check("login-isolate-ps-aux", out.startswith("USER") and pids[:1] == ["1"] and
          len(pids) == 2 and "ps aux" in out, out)
    out = c.run("hostname; id -u", ISO)
    check("login-isolate-hostname-root", out.split() == ["isolated", "0"], out)
    c.send("exit\n")
    c.expect(user_prompt("bob"), STEP)
    out = c.run("hostname; id -un", user_prompt("bob"))
    check("login-isolate-back", out.split()[1:] == ["bob"] and out.split()[0] != "isolated",
          out)
    out = h.run("who", ROOT)
    check("login-who-bob-not-alice", re.search(r"^bob +console ", out, re.M) and
          not re.search(r"^alice ", out, re.M), out)
    out = h.run("last", ROOT)
    check("login-last", re.search(r"^bob +console .*still logged in", out, re.M) and
          re.search(r"^alice +console ", out, re.M), out)
    c.send("exit\n")

    # root adds a user, who can then log in; and removes her again.
    out = h.run("useradd -m -G users carol && id carol && ls -ld /home/carol", ROOT)
    check("login-useradd", re.search(r"uid=1002\(carol\) gid=1002\(carol\) "
                                     r"groups=1002\(carol\),100\(users\)", out) and
          re.search(r"^drwx------ +\d+ carol +carol ", out, re.M), out)
    h.send("passwd carol\n")
    for prompt in (r"New password: $", r"Retype new password: $"):
        h.expect(prompt, STEP)
        h.send("c4rol\n")
    out = h.expect(ROOT, STEP)
    check("login-passwd-by-root", "updated successfully" in out, out)
    c.login("carol", "c4rol", user_prompt("carol"), STEP)
    out = c.run("pwd; id -Gn", user_prompt("carol"))
    check("login-carol", out.split() == ["/home/carol", "carol", "users"], out)
    c.send("exit\n")
    c.expect(r"login: $", STEP)
    out = h.run("userdel -r carol; id carol; ls /home", ROOT)
    check("login-userdel", "carol" not in out.replace("id: 'carol'", "").replace(
        "id: carol", "") and "alice" in out, out)
    h.send("poweroff\n")


def main():
    kernel, image = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    img = f"{work}/root.img"
    shutil.copy(image, img)
    sock = f"{work}/hvc0.sock"
    c = Console(kernel, img, append="root=/dev/vda",
                extra=["-device", "virtio-serial-device",
                       "-chardev", f"socket,id=hvc0,path={sock},server=on,wait=off",
                       "-device", "virtconsole,chardev=hvc0"])
    h = None
    try:
        h = SocketTerminal(sock, STEP)
        scenario(c, h)
        check("login-poweroff", c.wait_exit(STEP), "qemu still running")
    except Timeout as e:
        check("login-scenario", False, str(e))
    finally:
        c.kill()
    fsck = subprocess.run(["e2fsck", "-fn", img], capture_output=True, text=True)
    check("login-e2fsck-clean", fsck.returncode == 0, fsck.stdout[-300:])
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
