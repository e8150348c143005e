#!/bin/sh
# The observation commands in our kernel, against procps's and util-linux's
# behaviour: sysctl reads, writes and lists /proc/sys with their messages;
# dmesg prints the log with timestamps, filters by level, sets the console
# level (through /proc/sys/kernel/printk too) and clears the log; vmstat
# prints procps's columns, one line per interval.  Prints PASS/FAIL lines.
pass() { echo "PASS observe-$1"; }
fail() { echo "FAIL observe-$1: $2"; }
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi; }
contains() {
	case "$3" in
	*"$2"*) pass "$1" ;;
	*) fail "$1" "no '$2' in '$3'" ;;
	esac
}

# --- sysctl
check sysctl-read "kernel.ostype = Linux" "$(sysctl kernel.ostype)"
check sysctl-slash "kernel.ostype = Linux" "$(sysctl kernel/ostype)"
check sysctl-n "Linux" "$(sysctl -n kernel.ostype)"
check sysctl-missing "sysctl: cannot stat /proc/sys/x/y: No such file or directory" \
	"$(sysctl x.y 2>&1)"
check sysctl-missing-status 1 "$(sysctl x.y > /dev/null 2>&1; echo $?)"
check sysctl-e "" "$(sysctl -e x.y 2>&1)"
old=$(cat /proc/sys/kernel/hostname)
check sysctl-write "kernel.hostname = observe-test" "$(sysctl -w kernel.hostname=observe-test)"
check sysctl-written "observe-test" "$(hostname)"
check sysctl-write-q "" "$(sysctl -q kernel.hostname="$old")"
check sysctl-restored "$old" "$(hostname)"
check sysctl-write-missing "sysctl: cannot stat /proc/sys/kernel/nonexist: No such file or directory" \
	"$(sysctl -w kernel.nonexist=1 2>&1)"
check sysctl-nobody "sysctl: permission denied on key 'kernel.hostname'" \
	"$(su alice -c 'sysctl -w kernel.hostname=x' 2>&1)"
all=$(sysctl -a)
contains sysctl-all "kernel.ostype = Linux" "$all"
contains sysctl-all-user "user.max_user_namespaces = " "$all"
check sysctl-all-sorted "$(sysctl -a -N | sort)" "$(sysctl -a -N)"
contains sysctl-dir "kernel.printk = " "$(sysctl kernel)"
check sysctl-usage 1 "$(sysctl > /dev/null 2>&1; echo $?)"

# --- printk levels, dmesg
old=$(sysctl -n kernel.printk)
check printk-default "7	4	1	7" "$old"
echo "<3>observe-err-$$" > /dev/kmsg
echo "<6>observe-info-$$" > /dev/kmsg
out=$(dmesg)
line=$(echo "$out" | grep "observe-err-$$")
case "$line" in
"["*"] observe-err-$$") pass dmesg-timestamp ;;
*) fail dmesg-timestamp "'$line'" ;;
esac
check dmesg-raw-level "<11>" "$(dmesg -r | grep "observe-err-$$" | cut -c1-4)"
check dmesg-t "observe-err-$$" "$(dmesg -t | grep "observe-err-$$")"
check dmesg-l-err "observe-err-$$" "$(dmesg -t -l err | grep observe-.*-$$)"
check dmesg-l-list "observe-err-$$ observe-info-$$" \
	"$(dmesg -t -l err,info | grep observe-.*-$$ | tr '\n' ' ' | sed 's/ $//')"
check dmesg-l-bad "dmesg: unknown level 'loud'" "$(dmesg -l loud 2>&1)"
dmesg -n 1
check dmesg-n "1	4	1	7" "$(sysctl -n kernel.printk)"
dmesg -n err
check dmesg-n-name "4	4	1	7" "$(sysctl -n kernel.printk)"
sysctl -q -w kernel.printk="$old"
check printk-write "$old" "$(cat /proc/sys/kernel/printk)"
check dmesg-n-nobody "dmesg: klogctl failed: Operation not permitted" \
	"$(su alice -c 'dmesg -n 1' 2>&1)"
dmesg -c > /dev/null
check dmesg-c "" "$(dmesg | grep "observe-err-$$")"

# --- vmstat
out=$(vmstat)
check vmstat-header "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st" \
	"$(echo "$out" | head -2)"
set -- $(echo "$out" | sed -n 3p)
check vmstat-columns 17 $#
free_kb=$(sed -n 's/^MemFree: *\([0-9]*\) kB/\1/p' /proc/meminfo)
[ "$4" -gt 0 ] && pass vmstat-free || fail vmstat-free "free '$4' (meminfo $free_kb)"
check vmstat-cpu-sum ok "$(n=$(( ${13} + ${14} + ${15} + ${16} + ${17} )); [ $n -ge 98 ] && [ $n -le 102 ] && echo ok || echo $n)"
check vmstat-count 5 "$(vmstat 1 3 | wc -l)"
check vmstat-bad "vmstat: invalid number: 'x'" "$(vmstat x 2>&1 | head -1)"

# --- lock statistics: off at boot unless booted with lockstat (tests/boot
# does), on with the sysctl, cleared by writing 0, read by lockstat
case " $(cat /proc/cmdline) " in
*" lockstat "*)
	check lockstat-boot-option "1" "$(sysctl -n kernel.lock_stat)"
	contains lock-stat-from-boot " zone: " "$(cat /proc/lock_stat)"
	;;
*) check lockstat-off "0" "$(sysctl -n kernel.lock_stat)" ;;
esac
sysctl -q -w kernel.lock_stat=1
head=$(head -4 /proc/lock_stat | sed -n '1p;3p' | tr -s ' ')
check lock-stat-header "lock_stat version 0.4
 class name con-bounces contentions waittime-min waittime-max waittime-total waittime-avg acq-bounces acquisitions holdtime-min holdtime-max holdtime-total holdtime-avg" "$head"
# Two processes busy in the kernel at once until some lock was contended.
tries=0
while [ $tries -lt 20 ]; do
	( i=0; while [ $i -lt 50 ]; do cat /proc/self/status > /dev/null; i=$((i + 1)); done ) &
	i=0; while [ $i -lt 50 ]; do cat /proc/self/stat > /dev/null; i=$((i + 1)); done
	wait
	top=$(lockstat -n 1 | sed -n 2p)
	set -- $top
	[ "${2:-0}" -gt 0 ] && break
	tries=$((tries + 1))
done
[ "${2:-0}" -gt 0 ] && pass lockstat-contended || fail lockstat-contended "top row '$top'"
check lockstat-top-n 3 "$(lockstat -n 2 | wc -l)"
row=$(grep -E '^ +zone: ' /proc/lock_stat | tr -s ' ')
set -- $row
[ "${9:-0}" -gt 0 ] && pass lock-stat-acquisitions || fail lock-stat-acquisitions "zone row '$row'"
sysctl -q -w kernel.lock_stat=0
echo 0 > /proc/lock_stat
# (a task asleep on a mutex since before may still report: not zone's lock)
check lock-stat-cleared "" "$(grep -E '^ +zone: ' /proc/lock_stat)"
check lockstat-says-off "lockstat: lock statistics are off (boot with lockstat, or sysctl -w kernel.lock_stat=1)" \
	"$(lockstat 2>&1 >/dev/null)"
check lock-stat-nobody "1" "$(su alice -c 'cat /proc/lock_stat' > /dev/null 2>&1; echo $?)"

# --- /proc/sysrq-trigger: "t" writes every task's stack to the console
# (shown in the console log), root only; the kernel goes on.
check sysrq-t 0 "$(echo t > /proc/sysrq-trigger; echo $?)"
check sysrq-after "kernel.ostype = Linux" "$(sysctl kernel.ostype)"
check sysrq-nobody 1 "$(su alice -c 'echo t > /proc/sysrq-trigger' > /dev/null 2>&1; echo $?)"
