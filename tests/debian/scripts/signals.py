# signal: handlers, kill, alarm, masks, pause.
import os, signal
got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
os.kill(os.getpid(), signal.SIGUSR1)
print("usr1", got == [signal.SIGUSR1])
signal.signal(signal.SIGALRM, lambda s, f: got.append("alarm"))
signal.alarm(1)
signal.pause()
print("alarm", got[-1])
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2})
os.kill(os.getpid(), signal.SIGUSR2)
print("pending", signal.SIGUSR2 in signal.sigpending())
signal.signal(signal.SIGUSR2, lambda s, f: got.append("usr2"))
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR2})
print("after unblock", got[-1])
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
pid = os.fork()
if pid == 0:
    signal.pause()
    os._exit(0)
os.kill(pid, signal.SIGTERM)
_, st = os.waitpid(pid, 0)
print("child", os.WIFSIGNALED(st), os.WTERMSIG(st))
