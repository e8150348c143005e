# os, json, hashlib, tempfile.
import hashlib, json, os, tempfile
d = {"name": "debian", "list": [3, 1, 2], "nested": {"a": None, "b": True}}
s = json.dumps(d, sort_keys=True)
print(s)
print(json.loads(s)["list"][1], sorted(json.loads(s)["list"]))
print(hashlib.sha256(s.encode()).hexdigest())
print(hashlib.md5(b"abc").hexdigest(), hashlib.sha1(b"").hexdigest())
with tempfile.TemporaryDirectory() as t:
    for n in ("b", "a", "c"):
        with open(os.path.join(t, n), "w") as f:
            f.write(n * 3)
    os.rename(os.path.join(t, "c"), os.path.join(t, "d"))
    os.mkdir(os.path.join(t, "sub"))
    print(sorted(os.listdir(t)))
    print([os.stat(os.path.join(t, n)).st_size for n in ("a", "b", "d")])
    print(sorted(w[0][len(t):] or "/" for w in os.walk(t)))
    fd, p = tempfile.mkstemp(dir=t)
    os.write(fd, b"12345")
    os.close(fd)
    print(os.path.getsize(p), os.path.exists(p))
print(os.path.exists(t))
