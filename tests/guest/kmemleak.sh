#!/bin/sh
# kmemleak through Linux's interface, /sys/kernel/debug/kmemleak (debugfs,
# mounted here if init did not): booted with kmemleak=on, a leak planted on
# purpose ("test" allocates 64 bytes and drops the pointer) is reported by
# a scan with its size and its caller, which ksym names from
# /boot/System.map as kmemleak_plant_leak; "clear" keeps it from being reported again.  With
# "final" as argument (the last test of a run), a scan after every other
# test reports no leak at all.  Booted without, the file does not exist.
# Prints PASS/FAIL lines.
pass() { echo "PASS kmemleak-$1"; }
fail() { echo "FAIL kmemleak-$1: $2"; }
K=/sys/kernel/debug/kmemleak

if ! grep -q " debugfs " /proc/self/mounts; then
	mkdir -p /sys/kernel/debug
	mount -t debugfs debugfs /sys/kernel/debug || { fail mount "cannot mount debugfs"; exit 0; }
fi
case " $(cat /proc/cmdline) " in
*" kmemleak=on "*) ;;
*)
	[ -e $K ] && fail absent-when-off "$K exists" || pass absent-when-off
	exit 0
	;;
esac

# Scan until the report has an object of SIZE (a new object is reported
# only once a second old): its lines.
scan_for() {
	tries=0
	while [ $tries -lt 20 ]; do
		echo scan > $K
		out=$(cat $K)
		case "$out" in
		*"(size $1)"*) echo "$out"; return ;;
		esac
		sleep 1
		tries=$((tries + 1))
	done
}

if [ "$1" = final ]; then
	echo scan > $K
	echo scan > $K
	out=$(cat $K)
	if [ -z "$out" ]; then
		pass none-after-all-tests
	else
		fail none-after-all-tests "$(echo "$out" | grep -c unreferenced) objects; by caller: $(echo "$out" | ksym | sed -n 's/^ *\[<[0-9a-f]*>\] \([^+]*\)+.*/\1/p' | sort | uniq -c | tr '\n' ' ')"
	fi
	exit 0
fi

echo scan > $K
echo clear > $K
sh -c "echo test > $K"
report=$(scan_for 64)
case "$report" in
*"unreferenced object 0x"*"(size 64):"*) pass planted-found ;;
*) fail planted-found "no 64-byte object in '$(head -c 300 $K)'" ;;
esac
caller=$(echo "$report" | ksym | grep '\[<')
case "$caller" in
*"] kmemleak_plant_leak+0x"*) pass planted-caller ;;
*) fail planted-caller "'$caller'" ;;
esac
case "$report" in
*"comm \"sh\", pid "*", age "*s*) pass planted-comm ;;
*) fail planted-comm "'$report'" ;;
esac
echo clear > $K
echo scan > $K
out=$(cat $K)
[ -z "$out" ] && pass cleared || fail cleared "reported after clear: $(echo "$out" | head -4 | tr '\n' ' ')"
sh -c "echo bogus > $K" 2>/dev/null && fail bad-command "accepted" || pass bad-command
