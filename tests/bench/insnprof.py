"""insnprof.py SYSTEM_MAP BASE RUNS N TOP: per-function instructions of one
run, from two insnprof.so outputs (RUNS minus BASE, divided by N).
Addresses below the kernel's first text symbol are user mode."""
import bisect
import collections
import sys


def symbols(path):
    syms = []
    with open(path) as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 3 and fields[1] in "tTwW":
                syms.append((int(fields[0], 16), fields[2]))
    syms.sort()
    return syms


def by_function(path, syms, starts):
    counts = collections.Counter()
    with open(path) as f:
        for line in f:
            pc, n = line.split()
            pc = int(pc, 16)
            if pc < starts[0]:
                counts["(user mode)"] += int(n)
            else:
                counts[syms[bisect.bisect_right(starts, pc) - 1][1]] += int(n)
    return counts


def main():
    system_map, base, runs, n, top = sys.argv[1:6]
    syms = symbols(system_map)
    starts = [a for a, _ in syms]
    before = by_function(base, syms, starts)
    after = by_function(runs, syms, starts)
    n = int(n)
    diff = {k: (after[k] - before.get(k, 0)) / n for k in after}
    total = sum(diff.values())
    print("instructions per run: %.0f (user mode %.0f)" % (total, diff.get("(user mode)", 0)))
    for name, v in sorted(diff.items(), key=lambda kv: -kv[1])[: int(top)]:
        print("%10.0f %5.1f%%  %s" % (v, 100.0 * v / total if total else 0, name))


main()
