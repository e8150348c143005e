#!/bin/sh
# run.sh BINDIR TESTDIR: isolate, unshare, nsenter, lsns and ps -o/--forest
# from BINDIR (native builds), run for real on the Linux host as root,
# and as uid 1000 through setpriv where the point is an ordinary user.
# Linux, and util-linux's unshare, nsenter and lsns, are the oracle.
# TESTDIR holds rootprog (static), the PROGRAM of the --root checks.
# Prints "PASS name", "FAIL name: why" or "SKIP name: why" (when this
# machine cannot make namespaces, found once at the start).
B=$1
TD=$2
[ -n "$B" ] && [ -n "$TD" ] || { echo "usage: run.sh bindir testdir" >&2; exit 2; }
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
case $TD in /*) ;; *) TD=$(pwd)/$TD ;; esac
NL='
'
LIMIT="timeout 30"
# util-linux's programs, the oracle, by their full names: the PATH below
# finds ours first.
UL_UNSHARE=$(command -v unshare)
UL_NSENTER=$(command -v nsenter)
UL_LSNS=$(command -v lsns)
PATH=$B:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
USER_ID=1000
AS_USER="setpriv --reuid=$USER_ID --regid=$USER_ID --clear-groups"

pass() { echo "PASS isolate-$1"; }
fail() { echo "FAIL isolate-$1: $2"; }
skip() { echo "SKIP isolate-$1: $2"; }
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}
contains() {
	case $3 in
	*"$2"*) pass "$1" ;;
	*) fail "$1" "'$2' not in '$3'" ;;
	esac
}

# The checks, by what they need; each prints its SKIP lines when the
# machine lacks it.
if ! $LIMIT "$UL_UNSHARE" -Urmpf --mount-proc true 2>/dev/null; then
	for c in basics user exit share root verbose nested stop unshare nsenter lsns ps leak; do
		skip "$c" "util-linux's unshare -Urmpf --mount-proc fails here: no namespaces"
	done
	exit 0
fi
CAN_USER=yes
$LIMIT $AS_USER "$UL_UNSHARE" -Urmpf --mount-proc true 2>/dev/null || CAN_USER=no

T=$(mktemp -d) || { fail setup "mktemp"; exit 0; }
chmod 755 "$T"
mounts_before=$(cat /proc/self/mountinfo)
host_name=$(hostname)

# The pid of the child of isolate $1 (the container's PID 1 seen from
# outside), once it runs sleep: before that its maps may be unwritten.
# Waits for that, at most a minute (a bound on a hang, never a verdict).
child_of() {
	i=0
	while [ $i -lt 600 ]; do
		i=$((i + 1))
		c=$(cat /proc/"$1"/task/"$1"/children 2>/dev/null)
		c=${c%% *}
		[ -n "$c" ] && [ "$(cat /proc/"$c"/comm 2>/dev/null)" = sleep ] &&
			{ echo "$c"; return; }
		sleep 0.1
	done
}

# wait_state NAME WANT PID: PID reaches state WANT (ps's letter) within a
# minute, which only bounds a hang; then compare.
wait_state() {
	i=0
	while [ $i -lt 600 ] && [ "$(state_of "$3")" != "$2" ]; do
		i=$((i + 1))
		sleep 0.1
	done
	same "$1" "$2" "$(state_of "$3")"
}

# The state letter of process $1 (field 3 of /proc/PID/stat).
state_of() {
	sed 's/.*) \(.\).*/\1/' /proc/"$1"/stat 2>/dev/null
}

# --- isolate, as root
same basics-sh "1${NL}isolated${NL}0" "$($LIMIT isolate sh -c 'echo $$; hostname; id -u')"
same basics-host-name-kept "$host_name" "$(hostname)"
out=$($LIMIT isolate ps aux)
same basics-ps-lines 2 "$(echo "$out" | wc -l)"
contains basics-ps-header "USER       PID" "$out"
same basics-ps-pid1 "1 ps aux" "$(echo "$out" | tail -n 1 | awk '{print $2, $11, $12}')"
same basics-env-workdir "bar${NL}/tmp" "$($LIMIT isolate --env FOO=bar --workdir /tmp sh -c 'echo $FOO; pwd')"
same basics-hostname-option "box" "$($LIMIT isolate --hostname box hostname)"
same basics-map "1000 1000" "$($LIMIT isolate --map 1000 sh -c 'echo $(id -u) $(id -g)')"
out=$($LIMIT isolate nosuchprogram 2>&1)
st=$?
same basics-not-found-status 127 "$st"
contains basics-not-found-message "isolate: execvp: nosuchprogram: No such file or directory" "$out"

# --- isolate, as an ordinary user
if [ $CAN_USER = yes ]; then
	out=$($LIMIT $AS_USER isolate ps aux)
	same user-ps-lines 2 "$(echo "$out" | wc -l)"
	same user-ps-pid1 "root 1 ps aux" "$(echo "$out" | tail -n 1 | awk '{print $1, $2, $11, $12}')"
	same user-sh "1${NL}isolated${NL}0" "$($LIMIT $AS_USER isolate sh -c 'echo $$; hostname; id -u')"
	same user-host-name-kept "$host_name" "$(hostname)"
	out=$($LIMIT $AS_USER isolate -v true 2>&1)
	contains user-verbose-uid-map "uid_map \"0 $USER_ID 1\" = 0" "$out"
	contains user-verbose-setgroups "setgroups \"deny\" = 0" "$out"
else
	skip user "setpriv to uid $USER_ID cannot make a user namespace here"
fi

# --- exit status
$LIMIT isolate sh -c 'exit 7'
same exit-code 7 "$?"
isolate sleep 30 &
ip=$!
c=$(child_of $ip)
kill -KILL "$c" 2>/dev/null
{ wait $ip; } 2>/dev/null
same exit-signal 137 "$?"

# --- --share keeps a namespace, the others are new
for ns in net ipc uts; do
	same "share-$ns" "$(readlink /proc/self/ns/$ns)" \
		"$($LIMIT isolate --share $ns readlink /proc/self/ns/$ns)"
done
inside=$($LIMIT isolate readlink /proc/self/ns/net)
[ -n "$inside" ] && [ "$inside" != "$(readlink /proc/self/ns/net)" ] &&
	pass share-default-new || fail share-default-new "net namespace '$inside' not new"
same share-pid-not-pid1 no "$($LIMIT isolate --share pid sh -c '[ $$ = 1 ] && echo yes || echo no')"

# --- --root and --bind
mkdir -p "$T/root/bin" "$T/root/proc" "$T/root/data" "$T/root/ro" "$T/src"
cp "$TD/rootprog" "$T/root/bin/rootprog"
out=$($LIMIT isolate --root "$T/root" --bind "$T/src:/data" --bind "$T/src:/ro:ro" \
	/bin/rootprog /data /ro 2>&1)
same root-listing "pid 1${NL}proc yes${NL}entry bin${NL}entry data${NL}entry proc${NL}entry ro${NL}/data rw${NL}/ro ro" \
	"$(echo "$out" | { read -r a; read -r b; echo "$a"; echo "$b"; grep '^entry' | sort; }; echo "$out" | grep '^/')"
out=$($LIMIT isolate --root "$T/nonexistent" true 2>&1)
st=$?
contains root-missing "isolate: mount: $T/nonexistent: No such file or directory" "$out"
same root-missing-status 125 "$st"

# --- -v and usage
out=$($LIMIT isolate -v true 2>&1)
contains verbose-clone "isolate: clone(CLONE_NEWUSER|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWNET|CLONE_NEWPID|CLONE_NEWNS|CLONE_VM|CLONE_VFORK|SIGCHLD)" "$out"
contains verbose-uid-map "uid_map \"0 0 1\" = 0" "$out"
contains verbose-private "isolate: mount(\"none\", \"/\", NULL, MS_REC|MS_PRIVATE) = 0" "$out"
contains verbose-proc "isolate: mount(\"proc\", \"/proc\", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC) = 0" "$out"
contains verbose-hostname "isolate: sethostname(\"isolated\") = 0" "$out"
for bad in "" "--bogus true" "--share pidd true" "--bind nocolon true" "--map x true"; do
	out=$(isolate $bad 2>&1)
	st=$?
	case "$st:$out" in
	2:*"usage: isolate"*) pass "usage-${bad%% *}" ;;
	*) fail "usage-${bad%% *}" "status $st, '$out'" ;;
	esac
done

# --- nested, three levels
same nested-3 "1${NL}0${NL}isolated" "$($LIMIT isolate isolate isolate sh -c 'echo $$; id -u; hostname')"
if [ $CAN_USER = yes ]; then
	same nested-3-user "1${NL}0" "$($LIMIT $AS_USER isolate isolate isolate sh -c 'echo $$; id -u')"
fi
same nested-pidns-differ 3 "$($LIMIT isolate sh -c 'readlink /proc/self/ns/pid; isolate sh -c "readlink /proc/self/ns/pid; isolate readlink /proc/self/ns/pid"' | sort -u | wc -l)"

# --- a stopped PROGRAM stops isolate; continuing isolate continues it
isolate sleep 30 &
ip=$!
c=$(child_of $ip)
kill -STOP "$c"
wait_state stop-isolate-stopped T "$ip"
kill -CONT $ip
wait_state stop-program-continued S "$c"
kill -KILL "$c"
{ wait $ip; } 2>/dev/null

# --- unshare: ours against util-linux's on the same commands
# (the processes in /proc counted by the shell itself: a pipeline's
# members start in an order of the system's choosing)
cmd='echo $$; id -u; hostname; set -- /proc/[0-9]*; echo $#'
same unshare-Urmpf "$("$UL_UNSHARE" -Urmpuf --mount-proc sh -c "$cmd")" \
	"$($LIMIT "$B/unshare" -Urmpuf --mount-proc sh -c "$cmd")"
if [ $CAN_USER = yes ]; then
	same unshare-user "$($AS_USER "$UL_UNSHARE" -rpf --mount-proc sh -c "$cmd")" \
		"$($LIMIT $AS_USER "$B/unshare" -rpf --mount-proc sh -c "$cmd")"
	same unshare-map-user "$($AS_USER "$UL_UNSHARE" --map-user=5 id -u)" \
		"$($LIMIT $AS_USER "$B/unshare" --map-user=5 id -u)"
fi
"$UL_UNSHARE" -rf sh -c 'kill -TERM $$'
want=$?
$LIMIT "$B/unshare" -rf sh -c 'kill -TERM $$'
same unshare-signal-status $want $?
same unshare-propagation "$("$UL_UNSHARE" -m --propagation slave grep -c ' master:' /proc/self/mountinfo)" \
	"$($LIMIT "$B/unshare" -m --propagation slave grep -c ' master:' /proc/self/mountinfo)"
out=$("$B/unshare" --bogus 2>&1)
st=$?
case "$st:$out" in 1:*"usage: unshare"*) pass unshare-usage ;; *) fail unshare-usage "status $st, '$out'" ;; esac

# --- nsenter into a running container: ours against util-linux's
isolate --hostname target sleep 30 &
ip=$!
c=$(child_of $ip)
cmd='hostname; id -u; readlink /proc/self/ns/pid /proc/self/ns/uts /proc/self/ns/net /proc/self/ns/mnt'
want=$("$UL_NSENTER" -t "$c" -U -u -i -n -p -m sh -c "$cmd")
same nsenter-all "$want" "$($LIMIT "$B/nsenter" -t "$c" -U -u -i -n -p -m sh -c "$cmd")"
same nsenter-uts-only "target" "$($LIMIT "$B/nsenter" -t "$c" -u hostname)"
same nsenter-pid-1-seen "1" "$($LIMIT "$B/nsenter" -t "$c" -U -p -m sh -c 'ls /proc | grep -c "^[0-9]*$" >/dev/null; cat /proc/1/comm | grep -c sleep')"

# --- lsns: the container's namespaces, as util-linux's lsns shows them
fields() { awk -v ns="$1" '$1 == ns { print $1, $2, $3, $4, $5 }'; }
for ns in uts pid net; do
	ino=$(readlink /proc/"$c"/ns/$ns | sed 's/.*\[\(.*\)\]/\1/')
	same "lsns-$ns" "$("$UL_LSNS" | fields "$ino")" "$("$B/lsns" | fields "$ino")"
done
same lsns-header "NS TYPE NPROCS PID USER COMMAND" "$("$B/lsns" | head -n 1 | awk '{$1=$1; print}')"

# --- a namespace kept by a bind mount of its file after its processes
# are gone, joined by the file's name (as ip netns keeps them)
kept=$T/uts-kept
: > "$kept"
mount --bind /proc/"$c"/ns/uts "$kept" || fail nsenter-file-bind "mount --bind failed"
kill -KILL "$c"
{ wait $ip; } 2>/dev/null
same nsenter-uts-file "$("$UL_NSENTER" --uts="$kept" hostname)" \
	"$($LIMIT "$B/nsenter" --uts="$kept" hostname)"
same nsenter-uts-file-kept "target" "$($LIMIT "$B/nsenter" --uts="$kept" hostname)"
umount "$kept"
out=$("$B/nsenter" -u hostname 2>&1)
st=$?
case "$st:$out" in 1:*"usage: nsenter"*) pass nsenter-usage ;; *) fail nsenter-usage "status $st, '$out'" ;; esac

# --- ps -o pidns and --forest, inside a container against procps
out=$($LIMIT isolate ps -o pid,ppid,user,pidns,cmd)
same ps-o-header "PID PPID USER PIDNS CMD" "$(echo "$out" | head -n 1 | awk '{$1=$1; print}')"
inside=$($LIMIT isolate readlink /proc/self/ns/pid | sed 's/.*\[\(.*\)\]/\1/')
row=$(echo "$out" | tail -n 1 | awk '{print $1, $2, $3, $5, $6, $7}')
same ps-o-row "1 0 root ps -o pid,ppid,user,pidns,cmd" "$row"
[ "$(echo "$out" | tail -n 1 | awk '{print $4}')" != "$(readlink /proc/self/ns/pid | sed 's/.*\[\(.*\)\]/\1/')" ] &&
	pass ps-o-pidns-own || fail ps-o-pidns-own "the host's pid namespace shown inside"
[ -n "$inside" ] && pass ps-o-pidns-read || fail ps-o-pidns-read "no pid namespace inode"
if [ -x /usr/bin/ps ]; then
	# Each sleep is waited for until it runs (a condition, not a time).
	tree='sleep 30 & a=$!; until [ "$(cat /proc/$a/comm)" = sleep ]; do sleep 0.1; done
sh -c "sleep 30 & b=\$!; until [ \"\$(cat /proc/\$b/comm)\" = sleep ]; do sleep 0.1; done; \$0 -e --forest -o pid,cmd; kill \$b" "$0"
kill $a'
	# The rows without their pid column, the path of ps cut to its name.
	strip() { sed '1d; s/^ *[0-9][0-9]* //; s/ [^ ]*\/ps$/ ps/; s/[^ ]*\/ps -e/ps -e/'; }
	same ps-forest "$($LIMIT isolate sh -c "$tree" /usr/bin/ps | strip)" \
		"$($LIMIT isolate sh -c "$tree" "$B/ps" | strip)"
fi

# --- the network (--net, --publish), in a network namespace of its own
unshare -n sh "$(dirname "$0")/net.sh" "$B"

# --- nothing left behind
same leak-mounts "$mounts_before" "$(cat /proc/self/mountinfo)"
rm -rf "$T"
exit 0
