#!/bin/sh
# A pid namespace that ends with many processes in it: its init is the
# container's sh, which leaves 40 sleeps of its own and 10 orphans (their
# parent, a subshell, is gone: they were reparented to the init) when it
# exits.  The namespace's death kills them all, and its init reaps them
# before it goes, so none is ever left with a parent already freed (the
# kernel used to hang or panic in a few rounds).  Prints PASS/FAIL lines.
pass() { echo "PASS nszap-$1"; }
fail() { echo "FAIL nszap-$1: $2"; }
r=0
while [ $r -lt 12 ]; do
	isolate sh -c 'j=0; while [ $j -lt 40 ]; do sleep 100 & j=$((j+1)); done
		(k=0; while [ $k -lt 10 ]; do sleep 100 & k=$((k+1)); done); sleep 0.2'
	r=$((r+1))
done
pass rounds
# Nothing of them is left, neither running nor a zombie.
left=0
for d in /proc/[0-9]*; do
	[ "$(tr '\0' ' ' < "$d"/cmdline 2>/dev/null)" = "sleep 100 " ] && left=$((left + 1))
done
[ "$left" = 0 ] && pass none-left || fail none-left "$left sleeps still there"
