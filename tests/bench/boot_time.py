"""Boot to the login prompt: wall time (real-time boot on 2 harts) and
guest instructions (a boot under -icount shift=0 on one hart, where guest
time advances one nanosecond per instruction: /proc/uptime read once root
has logged in gives the instructions spent to there, login's SHA-512
crypt included, to 10 ms = 10 million)."""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "console"))
from qemu_console import Console, Timeout  # noqa: E402

LOGIN = r"login: $"
PROMPT = r"[#$] $"


def boot(kernel, image, smp, extra):
    start = time.time()
    c = Console(kernel, image, smp=smp, extra=extra)
    try:
        try:
            c.expect(LOGIN, 120)
            wall = time.time() - start
            c.send("root\n")
            c.expect(r"Password: $", 120)
            c.send("root\n")
            c.expect(PROMPT, 120)
        except Timeout as e:
            tail = c.log.decode(errors="replace")[-600:]
            raise Timeout(f"{e} (smp {smp}); console ended with: {tail!r}") from None
        out = c.run("cat /proc/uptime", PROMPT)
        c.send("poweroff\n")
        c.wait_exit(30)
        return wall, float(out.split()[0])
    finally:
        c.kill()


def main():
    kernel, image = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    img = f"{work}/boot.img"
    try:
        shutil.copy(image, img)
        walls = [boot(kernel, img, 2, ())[0] for _ in range(3)]
        _, guest_s = boot(kernel, img, 1, ("-icount", "shift=0"))
        walls.sort()
        print(f"boot-to-login-wall-ms {walls[1] * 1000:.0f}")
        print(f"boot-and-login-instr {guest_s * 1e9:.0f}")
    except Timeout as e:
        print(f"boot-error {e}")
    finally:
        shutil.rmtree(work)


main()
