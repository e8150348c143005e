"""Console scenario: alice's container on the network, as the homework
has it, and a server inside reached from the machine that runs qemu.

  - `isolate sh`: `ip addr` inside shows eth0 with its address from the
    pool, and `ping -c 1` of the host's end of the pair is answered;
  - `isolate --publish 8080:80 httpd` serves a page from inside the
    container; the guest's port 8080 is forwarded by qemu (user
    networking restricted to the guest: restrict=on) from a port of the
    host's 127.0.0.1, and this script fetches the page there with
    Python's urllib, as a browser would.

Prints PASS/FAIL lines.  Every expect() has a generous limit (STEP
seconds) that only bounds a hang on a busy host; the fetch is retried
until the server answers, bounded the same way, and never decides a pass
by time.
"""
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from qemu_console import Console, Timeout

STEP = 120
BOOT = 120
ALICE = r"alice@[a-z]+:[^\n]*\$ $"
INSIDE = r"root@isolated:[^\n]*# $"


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why!r}", flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def container_shell(c):
    c.send("isolate sh\n")
    c.expect(INSIDE, STEP)
    out = c.run("ip addr", INSIDE, STEP)
    m = re.search(r"inet (10\.88\.\d+\.\d+)/30 brd \S+ scope global eth0", out)
    check("net-isolate-ip-addr-eth0", m, out)
    check("net-isolate-ip-addr-lo", "inet 127.0.0.1/8 scope host lo" in out, out)
    if m:
        last = m.group(1).split(".")
        gw = ".".join(last[:3] + [str(int(last[3]) - 1)])
        out = c.run(f"ping -c 1 {gw}", INSIDE, STEP)
        check("net-isolate-ping-host-end",
              "1 packets transmitted, 1 received, 0% packet loss" in out, out)
    out = c.run("ip route", INSIDE, STEP)
    check("net-isolate-default-route", re.search(r"^default via 10\.88\.\S+ dev eth0", out, re.M), out)
    c.send("exit\n")
    c.expect(ALICE, STEP)


def published_server(c, port):
    c.run("mkdir -p /tmp/www && echo 'hello from inside the container' > /tmp/www/index.html",
          ALICE, STEP)
    c.send("isolate --publish 8080:80 httpd -f -p 80 -d /tmp/www &\n")
    c.expect(ALICE, STEP)
    body, why = None, ""
    deadline = time.time() + STEP
    while time.time() < deadline and body is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as r:
                body = r.read().decode()
        except OSError as e:
            why = str(e)
            time.sleep(0.5)
    check("net-publish-from-host", body == "hello from inside the container\n", body or why)
    out = c.run("kill %1; wait", ALICE, STEP)
    out = c.run("jobs", ALICE, STEP)
    check("net-publish-job-gone", out.strip() == "", out)


def main():
    kernel, image = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    img = f"{work}/root.img"
    shutil.copy(image, img)
    port = free_port()
    c = Console(kernel, img,
                append="root=/dev/vda quiet ip=10.0.2.15::10.0.2.2:255.255.255.0::eth0:off",
                extra=("-netdev", f"user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:{port}-:8080",
                       "-device", "virtio-net-device,netdev=n0"))
    try:
        c.login("alice", "alice", ALICE, BOOT)
        container_shell(c)
        published_server(c, port)
        c.send("exit\n")
        c.expect(r"login: $", STEP)
        check("net-scenario-done", True)
    except Timeout as e:
        check("net-scenario", False, str(e))
    finally:
        c.kill()
    fsck = subprocess.run(["e2fsck", "-fn", img], capture_output=True, text=True)
    check("net-e2fsck-clean", fsck.returncode == 0, fsck.stdout[-300:])
    shutil.rmtree(work)


main()
