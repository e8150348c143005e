#!/bin/sh
# The kernel's sampling profiler through its Linux interface: booted with
# profile=2 (tests/boot's legacy boot), /proc/profile exists, readprofile
# and kprof name kernel functions from /boot/System.map, a write clears it
# and only root may; booted without (the guest suite), there is no
# /proc/profile and the tools say so.  Prints PASS/FAIL lines.
pass() { echo "PASS profile-$1"; }
fail() { echo "FAIL profile-$1: $2"; }
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi; }

case " $(cat /proc/cmdline) " in
*" profile=2 "*) ;;
*)
	[ -e /proc/profile ] && fail absent-when-off "/proc/profile exists" || pass absent-when-off
	ls /proc | grep -qx profile && fail not-listed-when-off "ls /proc shows it" ||
		pass not-listed-when-off
	out=$(kprof true 2>&1)
	check kprof-says-off "kprof: /proc/profile: No such file or directory (boot with profile=2)" "$out"
	exit 0 ;;
esac

ls /proc | grep -qx profile && pass listed || fail listed "ls /proc does not show profile"
check step "Sampling_step: 4" "$(readprofile -i)"
# One counter per 4 bytes of kernel text from _kernel_start to _etext, and
# the step word: the size stat gives is what a read returns.
start=$(grep ' _kernel_start$' /boot/System.map | cut -d' ' -f1)
end=$(grep ' _etext$' /boot/System.map | cut -d' ' -f1)
# (The low 32 bits: the kernel's addresses are past what a signed 64-bit
# shell number holds.)
words=$(( (0x${end#????????} - 0x${start#????????}) / 4 + 2 ))
check size "$((words * 4))" "$(stat /proc/profile | sed -n 's/^ *Size: *\([0-9]*\).*/\1/p')"
check read-size "$((words * 4))" "$(wc -c < /proc/profile)"

# Work in the kernel (reading /proc over and over) while kprof watches.
out=$(kprof -n 5 sh -c 'i=0; while [ $i -lt 400 ]; do cat /proc/self/status > /dev/null; i=$((i + 1)); done' 2>/tmp/kprof.err)
rc=$?
check kprof-status 0 $rc
samples=$(sed -n 's/^kprof: \([0-9]*\) kernel samples while sh ran (user [0-9.]*s, system [0-9.]*s)$/\1/p' /tmp/kprof.err)
[ "${samples:-0}" -gt 0 ] && pass kprof-samples || fail kprof-samples "$(cat /tmp/kprof.err)"
n=$(echo "$out" | wc -l)
[ "$n" -ge 1 ] && [ "$n" -le 5 ] && pass kprof-rows || fail kprof-rows "$out"
# Every name kprof prints is a text symbol of the kernel, and the counts
# are in order, most first.
bad=
prev=
echo "$out" > /tmp/kprof.out
while read -r ticks share name; do
	grep -qE " [tTwW] $name\$" /boot/System.map || bad="$bad $name"
	[ -n "$prev" ] && [ "$ticks" -gt "$prev" ] && bad="$bad order:$ticks>$prev"
	prev=$ticks
done < /tmp/kprof.out
check kprof-names "" "$bad"
check kprof-exit-status 3 "$(kprof sh -c 'exit 3' > /dev/null 2>&1; echo $?)"

# readprofile: one line a function with samples and the total last, whose
# count is the sum of the others.
readprofile > /tmp/rp.out
sum=0
while read -r ticks name load; do
	[ "$name" = total ] && break
	sum=$((sum + ticks))
done < /tmp/rp.out
last=$(tail -1 /tmp/rp.out)
set -- $last
check readprofile-total-name total "$2"
check readprofile-total-sum "$1" "$sum"
[ "$1" -gt 0 ] && pass readprofile-samples || fail readprofile-samples "$last"

# Only root clears it; a clear leaves only the samples taken between the
# clear and the read.  First let thousands gather (every hart is sampled
# a thousand times a second of its time, idle or not; the loop waits for
# the count, its bound only stops a hang), so that what a read right after
# the clear finds is a small part of them however busy the machine is.
out=$(su alice -c 'readprofile -r' 2>&1)
check reset-needs-root "readprofile: /proc/profile: Permission denied" "$out"
i=0
while [ $i -lt 300 ]; do
	set -- $(readprofile | tail -1)
	before=$1
	[ "$before" -ge 4000 ] && break
	sleep 0.2
	i=$((i + 1))
done
readprofile -r && pass reset || fail reset "readprofile -r failed"
set -- $(readprofile | tail -1)
[ "$1" -lt $((before / 4)) ] && pass reset-cleared || fail reset-cleared "total $1 after, $before before"
rm -f /tmp/kprof.err /tmp/kprof.out /tmp/rp.out
