#!/bin/sh
# isolate in our kernel, run by alice (su from root asks no password): a
# world of its own with PID 1, its own hostname and root inside, nothing
# changed outside.  Prints PASS/FAIL lines.
pass() { echo "PASS isolate-$1"; }
fail() { echo "FAIL isolate-$1: $2"; }
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi; }

host=$(hostname)
out=$(su alice -c 'isolate ps aux' 2>&1)
lines=$(echo "$out" | wc -l)
set -- $(echo "$out" | sed -n 2p)
check ps-aux-one-process "2 root 1 ps aux" "$lines $1 $2 ${11} ${12}"
echo "$out" | sed -n 1p | grep -q '^USER *PID' && pass ps-aux-header || fail ps-aux-header "$out"

out=$(su alice -c "isolate sh -c 'echo \$\$; hostname; id -u'" 2>&1)
check sh-pid-hostname-uid "1 isolated 0" "$(echo $out)"
check hostname-outside-unchanged "$host" "$(hostname)"

# The program's status comes back.  (Its init is shielded from SIGKILL
# sent inside its own namespace, as on Linux, so no kill from within.)
su alice -c "isolate sh -c 'exit 7'"
check exit-status 7 $?

# Processes outside are neither seen nor signalled.
sleep 100 &
outside=$!
out=$(su alice -c "isolate sh -c 'kill -0 $outside'" 2>&1)
case "$out" in
*"No such process"*) pass outside-not-signalled ;;
*) fail outside-not-signalled "$out" ;;
esac
out=$(su alice -c "isolate ls /proc" 2>&1)
check outside-not-seen "1" "$(echo "$out" | grep '^[0-9]')"
kill $outside

# Nested three levels deep, each a PID 1 of its own.
out=$(su alice -c "isolate isolate isolate sh -c 'echo \$\$ \$(hostname)'" 2>&1)
check nested-three "1 isolated" "$out"

# Mounts made inside stay inside.
before=$(wc -l < /proc/self/mountinfo)
su alice -c "isolate sh -c 'mount -t tmpfs none /tmp && touch /tmp/inside'"
check mounts-outside-unchanged "$before" "$(wc -l < /proc/self/mountinfo)"
[ -e /tmp/inside ] && fail tmp-outside-untouched "/tmp/inside exists" || pass tmp-outside-untouched

# An ordinary user still cannot share the user namespace and make others.
out=$(su alice -c 'isolate --share user true' 2>&1)
case "$out" in
*"Operation not permitted"*) pass share-user-needs-privilege ;;
*) fail share-user-needs-privilege "$out" ;;
esac

# System V IPC: a queue made outside is not seen inside, one made inside
# is gone with the namespace, and the outside's is still there.
id=$(ipcmk -Q | sed 's/.*: //')
out=$(su alice -c "isolate sh -c 'ipcs -q | grep -c ^0x; ipcmk -Q; ipcs -q | grep -c ^0x'" 2>&1)
check ipc-own-queues "0 Message queue id: 0 1" "$(echo $out)"
check ipc-outside-kept "1" "$(ipcs -q | grep -c "^0x[0-9a-f]* $id ")"
ipcrm -q "$id"
check ipc-outside-removed "0" "$(ipcs -q | grep -c "^0x[0-9a-f]* $id ")"
