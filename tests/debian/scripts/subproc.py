# subprocess: run, pipes, return codes, communicate.
import subprocess
r = subprocess.run(["/bin/sh", "-c", "echo $((6 * 7)); exit 3"], capture_output=True, text=True)
print(r.returncode, r.stdout.strip())
p = subprocess.Popen(["/bin/sh", "-c", "read x; echo got:$x"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, text=True)
out, _ = p.communicate("hello\n")
print(out.strip(), p.returncode)
print(subprocess.check_output("echo a; echo b >&2", shell=True, stderr=subprocess.STDOUT, text=True).split())
try:
    subprocess.run(["/bin/sh", "-c", "kill -TERM $$"], check=True)
except subprocess.CalledProcessError as e:
    print("error", e.returncode)
