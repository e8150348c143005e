# AF_UNIX sockets from Python: socketpair, a server on a path and on an
# abstract name, datagrams, descriptors and credentials passed.
import os, socket, stat, struct, tempfile

a, b = socket.socketpair()
a.sendall(b"hello")
print(b.recv(10), a.family == socket.AF_UNIX, a.type == socket.SOCK_STREAM)
pid, uid, gid = struct.unpack("3i", a.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
print(pid == os.getpid(), uid == os.geteuid(), gid == os.getegid())
r, w = os.pipe()
socket.send_fds(a, [b"F"], [w])
msg, fds, flags, addr = socket.recv_fds(b, 10, 1)
os.write(fds[0], b"through")
print(msg, len(fds), os.read(r, 10))
b.setblocking(False)
try:
    b.recv(10)
except BlockingIOError:
    print("would block")
b.settimeout(0.05)
try:
    b.recv(10)
except TimeoutError:
    print("timed out")
b.shutdown(socket.SHUT_WR)
print(a.recv(10))

d1, d2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
d1.send(b"ab")
d1.send(b"cde")
print(d2.recv(10), d2.recv(10))

with tempfile.TemporaryDirectory() as t:
    path = os.path.join(t, "sock")
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(1)
    print(stat.S_ISSOCK(os.stat(path).st_mode), srv.getsockname() == path)
    child = os.fork()
    if child == 0:
        c = socket.socket(socket.AF_UNIX)
        c.connect(path)
        c.sendall(b"from child " * 1000)
        os._exit(0)
    s, addr = srv.accept()
    data = b""
    while True:
        part = s.recv(4096)
        if not part:
            break
        data += part
    print(repr(addr), len(data), data[:11])
    os.waitpid(child, 0)
    try:
        socket.socket(socket.AF_UNIX).bind(path)
    except OSError as e:
        print("bind again:", e.strerror)
    try:
        socket.socket(socket.AF_UNIX).connect(os.path.join(t, "none"))
    except OSError as e:
        print("connect:", e.strerror)

name = "\0py-sockets-%d" % os.getpid()
srv = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
srv.bind(name)
srv.listen(1)
c = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
c.connect(name)
s, _ = srv.accept()
c.send(b"one")
c.send(b"two!")
print(srv.getsockname() == name.encode(), s.recv(10), s.recv(10))
