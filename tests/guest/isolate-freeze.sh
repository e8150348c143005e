#!/bin/sh
# A container is a shell job: SIGTSTP to isolate (what ^Z sends to the
# foreground job, isolate included) freezes the container's whole cgroup,
# also its init, which ignores SIGTSTP, and a process that ignores it
# outright; isolate then stops like any job.  SIGCONT (fg, bg) thaws the
# group.  Run by root and by alice; waits for states, never for time.
pass() { echo "PASS isolate-freeze-$1"; }
fail() { echo "FAIL isolate-freeze-$1: $2"; }
check() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want '$2', got '$3'"; fi
}

# until CMD...: run CMD every 10 ms until it succeeds, at most 3000 times
# (30 s on an idle machine: only a bound on a hang).
until_true() {
	i=0
	while ! "$@"; do
		i=$((i + 1))
		[ $i -ge 3000 ] && return 1
		sleep 0.01
	done
	return 0
}
state() { sed 's/.*) \(.\).*/\1/' /proc/$1/stat 2>/dev/null; }
is_state() { [ "$(state $1)" = "$2" ]; }
has_two() { [ "$(wc -l < $1/cgroup.procs 2>/dev/null)" = 2 ]; }
events_say() { grep -qx "$2" $1/cgroup.events 2>/dev/null; }

# The container's program: a shell that ignores SIGTSTP, with a child.
prog=/tmp/isolate-freeze-prog.sh
echo 'trap "" TSTP; sleep 1000 & wait' > $prog
chmod 644 $prog

# run_case NAME GROUP-DIR-PREFIX COMMAND: COMMAND (run by sh, in the
# background) starts isolate sh $prog; freeze, thaw, end it.
run_case() {
	name=$1 base=$2
	sh -c "$3" &
	job=$!
	ipid=""
	i=0
	while [ -z "$ipid" ] && [ $i -lt 3000 ]; do
		# isolate itself: the lowest pid named so (its child keeps the
		# name until it executes PROGRAM, longer with --net veth).
		for p in /proc/[0-9]*; do
			n=${p#/proc/}
			[ "$(cat $p/comm 2>/dev/null)" = isolate ] &&
				{ [ -z "$ipid" ] || [ "$n" -lt "$ipid" ]; } && ipid=$n
		done
		i=$((i + 1))
		[ -z "$ipid" ] && sleep 0.01
	done
	g=$base$ipid
	until_true has_two $g && pass $name-running || fail $name-running "no group $g with two processes"
	kill -TSTP $ipid
	until_true events_say $g "frozen 1" && pass $name-frozen || fail $name-frozen "$(cat $g/cgroup.events)"
	check $name-freeze-file 1 "$(cat $g/cgroup.freeze)"
	until_true is_state $ipid T && pass $name-isolate-stopped || fail $name-isolate-stopped "state $(state $ipid)"
	kill -CONT $ipid
	until_true events_say $g "frozen 0" && pass $name-thawed || fail $name-thawed "$(cat $g/cgroup.events)"
	check $name-freeze-file-0 0 "$(cat $g/cgroup.freeze)"
	until_true is_state $ipid S && pass $name-isolate-waits || fail $name-isolate-waits "state $(state $ipid)"
	# End it from outside: the container's init is killed, isolate
	# reports it and removes the group.
	kill -KILL $(sed -n 1p $g/cgroup.procs)
	wait $job
	check $name-status 137 $?
	[ -e $g ] && fail $name-group-removed "$g is left" || pass $name-group-removed
}

run_case root /sys/fs/cgroup/isolate/ "exec isolate sh $prog"

# alice in the subtree login delegates to her (as isolate.sh sets it up).
d=/sys/fs/cgroup/user/1000
mkdir -p $d/login
for f in "" cgroup.procs cgroup.threads cgroup.subtree_control; do
	chown alice:alice $d/$f $d/login/$f
done
run_case alice $d/isolate- "echo \$\$ > $d/login/cgroup.procs && exec su alice -c 'isolate sh $prog'"
rmdir $d/login $d /sys/fs/cgroup/user 2>/dev/null
rm -f $prog
