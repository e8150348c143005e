#!/bin/sh
# isolate --memory: a hog in a container of 16 MiB (memory.high 12 MiB) is
# killed by its cgroup's OOM killer while the container's shell lives on
# and reads the count in its memory.events; -v tells the limits as they
# are written; the group is gone afterwards; bad sizes are refused.
pass() { echo "PASS isolate-memcg-$1"; }
fail() { echo "FAIL isolate-memcg-$1: $2"; }
check() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want '$2', got '$3'"; fi
}

out=$(isolate -v --memory 16M --memory-high 12M sh -c '/tests/memcg hog; echo status $?;
	g=/sys/fs/cgroup$(sed -n "s/^0:://p" /proc/self/cgroup);
	echo max $(cat $g/memory.max) high $(cat $g/memory.high);
	grep "^oom_kill " $g/memory.events; grep "^high " $g/memory.events' 2>&1)
case "$out" in
*'cgroup_set_limit("isolate/'*'", "memory.max", "16M") = 0'*) pass verbose-max ;;
*) fail verbose-max "$out" ;;
esac
case "$out" in
*'cgroup_set_limit("isolate/'*'", "memory.high", "12M") = 0'*) pass verbose-high ;;
*) fail verbose-high "$out" ;;
esac
check hog-killed "status 137" "$(echo "$out" | grep '^status')"
check limits "max 16777216 high 12582912" "$(echo "$out" | grep '^max')"
check oom-kill-counted "oom_kill 1" "$(echo "$out" | grep '^oom_kill')"
case "$(echo "$out" | grep '^high ')" in
"high 0" | "") fail high-counted "$out" ;;
*) pass high-counted ;;
esac
case "$(dmesg)" in
*"Memory cgroup out of memory: Killed process "*"(memcg)"*) pass logged ;;
*) fail logged "no kernel log line" ;;
esac
check cgroup-removed "" "$(ls /sys/fs/cgroup/isolate | grep -v -e '^cgroup\.' -e '^pids\.' -e '^memory\.' -e '^io\.' -e '^cpu\.')"
check outside-lives "outside" "$(sh -c 'echo outside')"
check bad-size "isolate: --memory lots: not a size" "$(isolate --memory lots true 2>&1 | sed -n 1p)"
