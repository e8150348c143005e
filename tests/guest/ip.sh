#!/bin/sh
# ip.sh: the network homework with /bin/ip in our kernel.  A veth pair
# v0/v1, v1 moved into a second network namespace (ip netns add, ip link
# set v1 netns), 10.200.0.1/24 on v0 and 10.200.0.2/24 on v1, both up,
# one ping each way, and the listings that must say so, as iproute2's
# ip prints them on Linux; then v0 as a port of a bridge br0 holding
# 10.200.0.1.  Prints PASS/FAIL lines.
#
# The same script runs on a Linux host as the oracle, with iproute2's ip
# (or ours) and a ping first in PATH:
#   unshare -Urnm sh tests/guest/ip.sh
# It mounts its own tmpfs on /run (where ip netns keeps its names): the
# guest image has no /run, and on the host that /run is the private
# mount namespace's.  No fixed sleeps: every step waits for nothing but
# the command before it.
NS=ipguest
pass() { echo "PASS ip-$1"; }
fail() { echo "FAIL ip-$1: $2"; }

# ok NAME COMMAND...: the command succeeds
ok() {
	name=$1
	shift
	out=$("$@" 2>&1) && pass "$name" || fail "$name" "'$*' failed: $out"
}

# same NAME EXPECTED ACTUAL
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

# matches NAME PATTERN TEXT: TEXT is matched by the shell PATTERN
matches() {
	case $3 in
	$2) pass "$1" ;;
	*) fail "$1" "'$3' does not match '$2'" ;;
	esac
}

# line N TEXT: the Nth line of TEXT
line() {
	echo "$2" | sed -n "$1p"
}

[ -d /run ] || mkdir /run
mount -t tmpfs ip-test /run || { fail setup "cannot mount a tmpfs on /run"; exit 0; }
cleanup() {
	ip netns delete $NS >/dev/null 2>&1
	ip link delete br0 >/dev/null 2>&1
	ip link delete v0 >/dev/null 2>&1
	umount /run 2>/dev/null
}
trap cleanup EXIT

ok veth-add ip link add v0 type veth peer name v1
ok netns-add ip netns add $NS
same netns-list "$NS" "$(ip netns list | sed 's/ (id: [0-9]*)$//')"
ok veth-move ip link set v1 netns $NS
same veth-moved 'Device "v1" does not exist.' "$(ip link show v1 2>&1)"
ok addr-v0 ip addr add 10.200.0.1/24 dev v0
ok up-lo ip link set lo up
ok up-v0 ip link set v0 up
ok addr-v1 ip netns exec $NS ip addr add 10.200.0.2/24 dev v1
ok up-v1 ip -n $NS link set v1 up
ok up-lo-ns ip netns exec $NS ip link set lo up

ok ping-v1 ping -c 1 -W 5 10.200.0.2
ok ping-v0 ip netns exec $NS ping -c 1 -W 5 10.200.0.1

# The listings, as Linux prints them, once v0's operstate has followed
# its carrier (Linux sets it a moment later): 5 s at most.
i=0
while [ $i -lt 50 ] && ! ip link show v0 | grep -q " state UP "; do
	sleep 0.1
	i=$((i + 1))
done
out=$(ip link show v0)
matches link-v0 '[0-9]*: v0@if[0-9]*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 *state UP mode DEFAULT group default*' "$(line 1 "$out")"
matches link-v0-ether '    link/ether ??:??:??:??:??:?? brd ff:ff:ff:ff:ff:ff link-netns*' "$(line 2 "$out")"
out=$(ip -4 addr show dev v0)
matches addr-v0-line '[0-9]*: v0@if[0-9]*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 * state UP group default*' "$(line 1 "$out")"
same addr-v0-inet '    inet 10.200.0.1/24 scope global v0' "$(line 2 "$out")"
same addr-v0-lft '       valid_lft forever preferred_lft forever' "$(line 3 "$out")"
out=$(ip netns exec $NS ip -4 addr show dev v1)
same addr-v1-inet '    inet 10.200.0.2/24 scope global v1' "$(line 2 "$out")"
matches addr-v1-brief 'v1@if[0-9]*       UP             10.200.0.2/24 ' \
	"$(ip -n $NS -4 -br addr show dev v1)"
same addr-lo '    inet 127.0.0.1/8 scope host lo' "$(ip -4 addr show dev lo | sed -n 2p)"
# (The test boots also have eth0's routes: only v0's are compared.)
same route-main '10.200.0.0/24 dev v0 proto kernel scope link src 10.200.0.1 ' \
	"$(ip route | grep ' dev v0 ')"
same route-ns '10.200.0.0/24 dev v1 proto kernel scope link src 10.200.0.2 ' "$(ip -n $NS route)"
matches route-get '10.200.0.2 dev v0 src 10.200.0.1 uid 0 *' "$(ip route get 10.200.0.2 | sed -n 1p)"
matches neigh-v0 '10.200.0.2 lladdr ??:??:??:??:??:?? *' "$(ip -4 neigh show dev v0)"
same netns-identify "$NS" "$(ip netns exec $NS ip netns identify)"
# ip netns exec mounts a new /sys; ours (ip -V says "compatible") puts
# cgroup2 back on /sys/fs/cgroup where it was, iproute2's does not.
if [ -e /sys/fs/cgroup/cgroup.procs ] && ip -V | grep -q compatible; then
	ok netns-exec-cgroup ip netns exec $NS sh -c '[ -e /sys/fs/cgroup/cgroup.procs ]'
fi

# A bridge: v0 becomes br0's port and 10.200.0.1 moves to br0, which v1
# then reaches through it; nomaster and deleting br0 give v0 back.
ok bridge-add ip link add br0 type bridge ageing_time 30000
ok bridge-enslave ip link set v0 master br0
matches bridge-master '[0-9]*: v0@if[0-9]*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default*' \
	"$(line 1 "$(ip link show v0)")"
matches bridge-slave-kind '*
    bridge_slave *' "$(ip -d link show v0)"
same bridge-ports 'v0@if' "$(ip -br link show master br0 | sed 's/@if.*/@if/')"
matches bridge-kind 'br0 *' "$(ip -br link show type bridge)"
ok bridge-addr-del ip addr del 10.200.0.1/24 dev v0
ok bridge-addr-add ip addr add 10.200.0.1/24 dev br0
ok bridge-up ip link set br0 up
ok bridge-ping ip netns exec $NS ping -c 1 -W 5 10.200.0.1
ok bridge-nomaster ip link set v0 nomaster
same bridge-no-ports '' "$(ip -br link show master br0)"
ok bridge-add-port ip link add v5 master br0 type veth peer name v6
same bridge-new-port 'v5@v6' "$(ip -br link show master br0 | cut -d' ' -f1)"
ok bridge-new-port-delete ip link delete v5
ok bridge-delete ip link delete br0
matches bridge-port-left '[0-9]*: v0@if[0-9]*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP *' \
	"$(line 1 "$(ip link show v0)")"

# Taking it apart: v0 takes its peer v1 with it.
ok veth-delete ip link delete v0
same veth-gone 'Device "v0" does not exist.' "$(ip link show v0 2>&1)"
same veth-peer-gone 'Device "v1" does not exist.' "$(ip -n $NS link show v1 2>&1)"
ok netns-delete ip netns delete $NS
same netns-gone '' "$(ip netns list)"
