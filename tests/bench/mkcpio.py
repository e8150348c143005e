#!/usr/bin/env python3
"""mkcpio.py OUT ENTRY...: write an initramfs, a cpio archive in the "newc"
format (what the Linux kernel unpacks), with no need for root or device
files on the host.  Each ENTRY is one of
    dir:PATH                  a directory, mode 0755
    file:PATH=HOSTFILE        a regular file, mode 0755, HOSTFILE's bytes
    symlink:PATH=TARGET       a symbolic link
    char:PATH=MAJOR,MINOR     a character device, mode 0600
PATH is without its leading slash (as the kernel's own gen_init_cpio
writes them); the entries are written in the order given, owned by root.
"""
import os
import stat
import sys


def header(ino, mode, nlink, size, rmajor, rminor, name):
    """The 110-byte newc header, the name and its padding to 4 bytes."""
    fields = [0x070701, ino, mode, 0, 0, nlink, 0, size, 0, 0, rmajor, rminor,
              len(name) + 1, 0]
    out = ('%06X' % fields[0] + ''.join('%08X' % f for f in fields[1:])).encode()
    out += name.encode() + b'\0'
    return out + b'\0' * (-len(out) % 4)


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: mkcpio.py OUT dir:PATH|file:PATH=HOSTFILE|symlink:PATH=TARGET|'
                 'char:PATH=MAJOR,MINOR...')
    out = bytearray()
    for ino, entry in enumerate(sys.argv[2:], start=1):
        kind, _, rest = entry.partition(':')
        path, _, arg = rest.partition('=')
        path = path.lstrip('/')
        data, rmajor, rminor, nlink = b'', 0, 0, 1
        if kind == 'dir':
            mode, nlink = stat.S_IFDIR | 0o755, 2
        elif kind == 'file':
            with open(arg, 'rb') as f:
                data = f.read()
            mode = stat.S_IFREG | 0o755
        elif kind == 'symlink':
            data, mode = arg.encode(), stat.S_IFLNK | 0o777
        elif kind == 'char':
            rmajor, rminor = (int(x) for x in arg.split(','))
            mode = stat.S_IFCHR | 0o600
        else:
            sys.exit('mkcpio.py: unknown entry ' + entry)
        out += header(ino, mode, nlink, len(data), rmajor, rminor, path)
        out += data + b'\0' * (-len(data) % 4)
    out += header(0, 0, 1, 0, 0, 0, 'TRAILER!!!')
    out += b'\0' * (-len(out) % 512)
    tmp = sys.argv[1] + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(out)
    os.replace(tmp, sys.argv[1])


if __name__ == '__main__':
    main()
