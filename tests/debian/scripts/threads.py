# threading: workers, a lock, a condition, a queue, join.
import queue, threading
total = 0
lock = threading.Lock()
def add(n):
    global total
    for i in range(n):
        with lock:
            total += i
ts = [threading.Thread(target=add, args=(2000,)) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("total", total)
q = queue.Queue()
def worker():
    while True:
        item = q.get()
        if item is None:
            break
        q.task_done()
        results.append(item * item)
results = []
w = threading.Thread(target=worker)
w.start()
for i in range(10): q.put(i)
q.join()
q.put(None)
w.join()
print(sorted(results))
ev = threading.Event()
tm = threading.Timer(0.1, ev.set)
tm.start()
print("event", ev.wait(30))
tm.join()
print(threading.active_count())
