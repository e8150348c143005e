"""Drive the guest's serial console like a person at a terminal.

Console(image, kernel) boots qemu with the console on a pipe; send() types,
expect() waits for text (a regular expression) with a time limit and returns
what was seen.  Every scenario uses this one small class; SocketTerminal is
the same for a second terminal that qemu offers on a Unix socket (a
virtconsole's chardev).  The default
limits (60 s a step) only turn a hang into a failure; they are generous
because the host may be busy, and no verdict depends on them.
"""
import os
import re
import select
import socket
import subprocess
import time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\r")


class Timeout(Exception):
    pass


class Console:
    def __init__(self, kernel, image, smp=2, mem="256M", append="root=/dev/vda quiet", extra=()):
        self.proc = subprocess.Popen(
            ["qemu-system-riscv64", "-machine", "virt", "-bios", "default",
             "-smp", str(smp), "-m", mem, "-nographic", "-kernel", kernel,
             "-append", append, "-global", "virtio-mmio.force-legacy=false",
             "-drive", f"file={image},format=raw,if=none,id=vda",
             "-device", "virtio-blk-device,drive=vda", "-device", "virtio-rng-device",
             *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.buf = b""
        self.log = b""

    def send(self, text):
        # Type slowly enough for a 16550 without flow control.
        for ch in text.encode():
            self.proc.stdin.write(bytes([ch]))
            self.proc.stdin.flush()
            time.sleep(0.002)

    def _read(self, timeout):
        fd = self.proc.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return False
        data = os.read(fd, 65536)
        if not data:
            tail = ANSI.sub(b"", self.log)[-1500:]
            raise Timeout(f"qemu exited; last output: {tail!r}")
        self.buf += data
        self.log += data
        return True

    def expect(self, pattern, timeout=60):
        """Wait for pattern in the (ANSI-stripped) output after the last match."""
        deadline = time.time() + timeout
        rx = re.compile(pattern.encode() if isinstance(pattern, str) else pattern)
        while True:
            clean = ANSI.sub(b"", self.buf)
            m = rx.search(clean)
            if m:
                self.buf = clean[m.end():]
                return clean[:m.end()].decode(errors="replace")
            left = deadline - time.time()
            if left <= 0:
                raise Timeout(f"waiting for {pattern!r}; last output: {clean[-300:]!r}")
            try:
                self._read(left)
            except Timeout:
                clean = ANSI.sub(b"", self.buf)
                if rx.search(clean):
                    continue
                raise

    def run(self, command, prompt=r"[#$] $", timeout=60):
        """Type a command line and return its output (up to the next prompt).

        The line editor redraws the prompt as keys arrive, so first wait for
        the whole line echoed and ended by the Enter key, then for the prompt."""
        self.send(command + "\n")
        self.expect(re.escape(command) + r"\n", timeout)
        out = self.expect(prompt, timeout)
        lines = out.split("\n")
        # Drop the prompt line.
        return "\n".join(lines[:-1])

    def login(self, user, password, prompt, timeout=60):
        """Answer login's two questions (the password is not echoed) and
        wait for the shell's prompt."""
        self.expect(r"login: $", timeout)
        self.send(user + "\n")
        self.expect(r"Password: $", timeout)
        self.send(password + "\n")
        return self.expect(prompt, timeout)

    def wait_exit(self, timeout=60):
        try:
            self.proc.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class SocketTerminal(Console):
    """A terminal reached through a Unix socket qemu listens on.

    Connect as soon as qemu has made the socket: qemu drops what the guest
    writes while nobody is connected."""

    def __init__(self, path, timeout=60):
        deadline = time.time() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.time() > deadline:
                    raise Timeout(f"no socket {path}")
                time.sleep(0.1)
        self.buf = b""
        self.log = b""

    def send(self, text):
        # The virtio console takes whole buffers: no need to type slowly.
        self.sock.sendall(text.encode())

    def _read(self, timeout):
        ready, _, _ = select.select([self.sock], [], [], timeout)
        if not ready:
            return False
        data = self.sock.recv(65536)
        if not data:
            tail = ANSI.sub(b"", self.log)[-1500:]
            raise Timeout(f"socket closed; last output: {tail!r}")
        self.buf += data
        self.log += data
        return True

    def kill(self):
        self.sock.close()
