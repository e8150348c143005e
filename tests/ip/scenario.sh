#!/bin/sh
# scenario.sh BINDIR NETNS: the command lines of the ip suite, run with the ip
# and ping found in BINDIR (first in PATH, so `ip netns exec NS ip ...`
# takes the same ip), NETNS the name of the second namespace.  Meant for a fresh `unshare -Urnm`: it mounts a
# tmpfs on /run (so /run/netns is this mount namespace's own) and works
# in network namespaces that die with it.  Each command prints
#   ### COMMAND LINE
#   its output and error output
#   rc=STATUS
# run.sh runs it once with our ip and once with iproute2's and compares.
PATH=$1:$PATH
export PATH
NS=$2
mount -t tmpfs ip-test /run || { echo "### setup"; echo "cannot mount /run"; exit 1; }
# No IPv6: its link-local addresses and routes come and go with timers.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null
trap 'ip netns delete $NS >/dev/null 2>&1' EXIT

t() {
	echo "### $*"
	ip "$@" 2>&1
	echo "rc=$?"
}
# A command whose output is not compared (ping's times), only its status.
s() {
	echo "### $*"
	"$@" >/dev/null 2>&1
	echo "rc=$?"
}
# settle STATE DEV [IP-OPTIONS]: wait (5 s at most) until DEV's operstate
# is STATE: the kernel sets it a moment after "up" (Linux's linkwatch).
settle() {
	want=$1 dev=$2
	shift 2
	i=0
	while [ $i -lt 50 ]; do
		case $(ip "$@" -br link show "$dev") in
		*" $want "*) return ;;
		esac
		sleep 0.1
		i=$((i + 1))
	done
}
# Neighbour states move on with time (REACHABLE, STALE, DELAY, PROBE).
neigh() {
	echo "### neigh $*"
	ip "$@" 2>&1 | sed -E 's/ (REACHABLE|STALE|DELAY|PROBE) $/ STATE /'
}

# --- listings of a fresh namespace, bad command lines
t link
t -br link
t -o link
t addr
t a
t -4 addr
t route
t
t help
t -x link
t foo
t link foo
t addr foo
t route foo
t neigh foo
t netns foo
t link show nope
t link show dev nope
t link set nope up
t link delete nope
t addr add 10.0.0.1/24 dev nope
t addr add bad/24 dev lo
t addr flush
t route get 1.2.3.4.5
t route get ::1
t route get 2001:db8::1:2:3::4
t route add 2001:db8::/64 via 10.0.0.1
t addr add ::1/129 dev lo
t route get 10.1.2.3
t -n nosuch link

# --- a veth pair, with fixed MAC addresses
t link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
t link add v0 type veth peer name v1
t link add x type nosuchkind
t link
t -br link
t -o link
t -d link show v0
t -s link show v0
t link show v1
t link show dev v1
t link set v0 mtu 10
t link set v0 mtu abc
t link set v0 address zz
t link set v0 address 02:0g:03
t link set v0 address 1:2:3:4:5:6:7
t link set v0 bogus
t link set v0 mtu 1400
t link set v1 address 02:00:00:00:00:22
t link set v1 name w1
t link show w1
t link set w1 name v1
t link set lo up
t link set v0 up
settle LOWERLAYERDOWN v0
t -br link

# --- addresses
t addr add 10.200.0.1/24 dev v0
t addr add 10.200.0.1/24 dev v0
t addr add 10.9.0.1/16 brd + dev v1
t addr add 10.9.0.2/16 dev v1
t addr
t -br addr
t -4 addr
t -o addr
t -4 -br addr
t addr show dev v1
t addr show v0
t addr del 10.9.0.2/16 dev v1
t addr del 10.9.0.7/16 dev v1
t addr add 10.9.0.3/16 dev v1
t addr del 10.9.0.3 dev v1
t addr flush dev v1
t addr show dev v1

# --- routes
t route
t route show table all
t route show table local
t route show table main
t route add 10.1.0.0/16 via 10.5.0.254
t route add 10.5.0.0/16 dev v0 metric 7
t route add 10.6.0.0/16 via 10.200.0.2 src 10.200.0.1
t route add default via 10.200.0.254 dev v0
t route add default via 10.200.0.254 dev v0
t route add 10.7.0.0/16 via 10.200.0.2 table 100
t route
t route show dev v0
t route show table 100
t route show default
t route show 10.1.0.0/16
t route show to 10.1.0.0/16
t route show root 10.0.0.0/8
t route show match 10.6.1.1
t route show exact 10.6.0.0/16
t route show 10.9.0.0/16
t route show default default
t route get 10.6.1.1
t route get 10.77.0.1
t route get 127.0.0.1
t route get 10.200.0.1
t route del 10.5.0.0/16 dev v0
t route del 10.5.0.0/16 dev v0
t route del default
t route

# --- a bridge (a kernel may not have them: the error is compared too);
# it stays down, its address its lowest port's (v1's), then all zeros
# when it has none, unless set
t link add br0 type bridge
t link add br0 type bridge
t link set v1 master br0
t link show v1
t link show br0
t link set v1 master br0
t link set v0 master br0
t link show br0
t link set v0 nomaster
t link set br0 master br0
t link set lo master br0
t link set v1 master nosuch
t link show master br0
t link show nomaster
t link show type bridge
t link show type veth
t link show master
t link show master nosuch
t -br link
t -o link show v1
t link set v1 nomaster
t link show v1
t link show br0
t link add br1 address 02:00:00:00:00:10 type bridge ageing_time 1000
t link set br1 type bridge ageing_time 2000
t link set v1 master br1
t link show br1
t link set v1 master br0
t link show v1
t link show master br1
t link delete br1
t link add v5 address 02:00:00:00:00:05 master br0 type veth peer name v6 address 02:00:00:00:00:06
t link add v7 master nosuch type veth peer name v8
t link show master br0
t link delete v5
t link set v1 master br0
t link delete br0
t link show v1

# --- a second namespace: v1 moves there, 10.200.0.0/24 across
t netns add $NS
s ip netns exec $NS sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
t netns add $NS
t netns list
t link set v1 netns $NS
t link
t netns list
t -n $NS link
t link add v2 address 02:00:00:00:00:03 type veth peer name v3 address 02:00:00:00:00:04 netns $NS
t link show v2
t -n $NS -br link
t -n $NS link delete v3
t link show v2
t -n $NS link set lo up
t -n $NS addr add 10.200.0.2/24 dev v1
t -n $NS link set v1 up
settle UP v1 -n $NS
settle UP v0
t netns exec $NS ip -br addr
s ip netns exec $NS ping -c 1 -W 5 10.200.0.1
s ping -c 1 -W 5 10.200.0.2
neigh neigh
neigh -n $NS neigh show dev v1
t link
t addr
t -br addr
t netns identify
t netns exec $NS ip netns identify
t netns exec $NS nosuchcommand
t netns exec $NS
t netns exec
t netns delete nosuch
t link delete v0
t -n $NS link
t netns delete $NS
t netns list
t link
