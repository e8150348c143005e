#!/usr/bin/python3
"""ether-host.py LOG PORT QEMU_PID: the host's side of tests/guest/ether.

Each time the guest's console (LOG) shows a READY line (one per program:
ether, glibc-ether), connects to 127.0.0.1:PORT (qemu forwards it to the
guest's port 80), sends 1 MiB of the pattern both sides generate, reads
the guest's 1 MiB back until it closes its side, checks it byte for byte
and tells the guest 'Y' or 'N'; prints a PASS/FAIL line for each.  When
the guest never prints READY (a list without ether) it prints nothing;
it ends with qemu.  No verdict depends
on time: the waits end when qemu does.
"""
import os
import socket
import sys
import time


def pattern(seed, n):
    x = seed
    out = bytearray(n)
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0xffffffff
        out[i] = x >> 24
    return bytes(out)


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def wait_ready(log, pid, pos):
    """The size in the next READY line after byte pos of log and the byte
    after that line, or None once qemu is gone."""
    while alive(pid):
        try:
            with open(log, 'rb') as f:
                f.seek(pos)
                data = f.read()
        except OSError:
            data = b''
        i = data.rfind(b'\n')
        if i >= 0:
            at = 0
            for line in data[:i + 1].splitlines(keepends=True):
                at += len(line)
                if line.startswith(b'ETHER-READY '):
                    return int(line.split()[3]), pos + at
            pos += i + 1
        time.sleep(0.2)
    return None, pos


def transfer(port, size):
    try:
        s = socket.create_connection(('127.0.0.1', port))
        s.sendall(pattern(1, size))
        got = bytearray()
        while True:
            b = s.recv(65536)
            if not b:
                break
            got += b
        ok = bytes(got) == pattern(2, size)
        s.sendall(b'Y' if ok else b'N')
        s.close()
        if ok:
            return 'PASS ether-host-transfer'
        return 'FAIL ether-host-transfer: read %d bytes, not the guest\'s pattern' % len(got)
    except OSError as e:
        return 'FAIL ether-host-transfer: %s' % e


def main():
    if len(sys.argv) != 4:
        print('usage: ether-host.py log port qemu-pid', file=sys.stderr)
        return 2
    log, port, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    pos = 0
    n = 0
    while True:
        size, pos = wait_ready(log, pid, pos)
        if size is None:
            return 0
        n += 1
        # One line per guest program (ether, glibc-ether...): numbered.
        print(transfer(port, size).replace('ether-host-transfer', 'ether-host-transfer-%d' % n,
                                           1), flush=True)


sys.exit(main())
