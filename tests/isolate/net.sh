#!/bin/sh
# net.sh BINDIR: isolate's --net and --publish on the Linux host, run by
# run.sh inside a network namespace of its own (unshare -n), so the host's
# network is never touched.  The pool and the set-user-ID helper come from
# a scratch root (USERLAND_ROOT: the native builds read their system
# files under it).  Prints PASS, FAIL or SKIP lines as run.sh does.
B=$1
[ -n "$B" ] || { echo "usage: net.sh bindir" >&2; exit 2; }
LIMIT="timeout 30"
PATH=$B:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
AS_USER="setpriv --reuid=1000 --regid=1000 --clear-groups"
pass() { echo "PASS isolate-$1"; }
fail() { echo "FAIL isolate-$1: $2"; }
skip() { echo "SKIP isolate-$1: $2"; }
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

if ! command -v ip >/dev/null || ! ip link add nsprobe0 type veth peer name nsprobe1 2>/dev/null; then
	for c in net-none net-veth net-veth-user net-helper net-publish; do
		skip "$c" "no iproute2 or no veth here"
	done
	exit 0
fi
ip link del nsprobe0
ip link set lo up
R=$(mktemp -d) || { fail net-setup mktemp; exit 0; }
chmod 755 "$R"
mkdir -p "$R/etc/isolate" "$R/run" "$R/sbin"
chmod 1777 "$R/run"
echo "pool 10.88.0.0/16	# the containers' addresses" > "$R/etc/isolate/net.conf"
cp "$B/isolate-net" "$R/sbin/isolate-net"
chmod 4755 "$R/sbin/isolate-net"
export USERLAND_ROOT=$R

# --net none: lo alone, up, with its address.
none='ip -4 -br addr | awk "{print \$1, \$3}"; ip link show lo | grep -q ",UP" && echo up'
same net-none "lo 127.0.0.1/8 up" "$($LIMIT isolate --net none sh -c "$none" | tr '\n' ' ' | sed 's/ *$//; s/  */ /g')"
# The default with a pool, as root: veth, eth0 with a /30 of the pool
# (not its first: that one holds the pool's network address) and the
# default route through the host's end, the address before its own.
# Which /30 depends on the pairs of ended containers the host's kernel
# has yet to delete (Linux deletes them after a while).
out=$($LIMIT isolate sh -c 'ip -4 -br addr show eth0; ip route show default')
addr=$(echo "$out" | awk 'NR == 1 {print $3}')
gw=$(echo "$out" | awk 'NR == 2 {print $3}')
dev=$(echo "$out" | awk 'NR == 2 {print $5}')
case $addr in
10.88.*/30) pass net-veth-addr ;;
*) fail net-veth-addr "'$out'" ;;
esac
last=${addr%/30}; last=${last##*.}
same net-veth-route "${addr%.*}.$((last - 1)) eth0 $((last % 4))" "$gw $dev 2"
# The host's end is there while the container runs: a container sees the
# host (and the host it) across the pair.
out=$($LIMIT isolate sh -c 'cat /sys/class/net/eth0/operstate >/dev/null; ip -br link show eth0 | cut -d" " -f1' 2>&1)
case $out in eth0@*) pass net-veth-peer ;; *) fail net-veth-peer "'$out'" ;; esac
# As uid 1000, through the helper.
if $LIMIT $AS_USER unshare -Ur true 2>/dev/null; then
	out=$($LIMIT $AS_USER isolate sh -c 'id -u; ip -4 -br addr show eth0' | awk '{sub(/@.*/, "", $1); print $1, $3}' | tr '\n' ' ')
	case $out in
	"0  eth0 10.88."*/30" ") pass net-veth-user ;;
	*) fail net-veth-user "'$out'" ;;
	esac
	# The helper refuses the caller's own namespace, another's, and bad
	# command lines.
	out=$($AS_USER "$R/sbin/isolate-net" $$ 2>&1)
	same net-helper-own "1 isolate-net: /proc/$$/ns/net: not a network namespace of its own: Invalid argument" "$? $out"
	isolate sleep 30 &
	ip_pid=$!
	i=0
	c=
	while [ $i -lt 600 ] && [ -z "$c" ]; do
		c=$(cat /proc/$ip_pid/task/$ip_pid/children 2>/dev/null)
		c=${c%% *}
		[ -n "$c" ] && [ "$(cat /proc/"$c"/comm 2>/dev/null)" = sleep ] || c=
		i=$((i + 1))
		sleep 0.1
	done
	out=$($AS_USER "$R/sbin/isolate-net" "$c" 2>&1)
	same net-helper-foreign "1 isolate-net: /proc/$c/ns/net: not a namespace of the caller's: Operation not permitted" "$? $out"
	kill "$ip_pid"
	wait "$ip_pid" 2>/dev/null
	out=$($AS_USER "$R/sbin/isolate-net" 2>&1)
	same net-helper-usage "2 usage: isolate-net PID" "$? $out"
else
	skip net-veth-user "uid 1000 cannot make user namespaces here"
fi
# --publish: a server inside answers on the host's port.
if command -v python3 >/dev/null; then
	server='import socket
s = socket.socket(); s.bind(("0.0.0.0", 80)); s.listen(1)
c, _ = s.accept(); data = c.recv(100); c.sendall(b"inside got " + data); c.close()'
	isolate --publish 18080:80 python3 -c "$server" &
	pub=$!
	out=$(python3 -c 'import socket, time
for i in range(600):
    try:
        c = socket.create_connection(("127.0.0.1", 18080))
        c.sendall(b"hello"); c.shutdown(socket.SHUT_WR)
        got = c.recv(100)
        if got:
            print(got.decode()); break
    except OSError:
        pass
    time.sleep(0.1)')
	wait $pub
	same net-publish "inside got hello" "$out"
else
	skip net-publish "no python3"
fi
# Bad command lines.
out=$(isolate --net bogus true 2>&1)
same net-usage-bogus "2 isolate: --net bogus: not none, host or veth" "$? $(echo "$out" | head -n 1)"
out=$(isolate --net host --publish 1:2 true 2>&1)
same net-usage-publish-host "2 isolate: --publish needs --net veth" "$? $(echo "$out" | head -n 1)"
out=$(isolate --publish 0:80 true 2>&1)
same net-usage-publish-port "2 isolate: --publish 0:80: not HOSTPORT:PORT" "$? $(echo "$out" | head -n 1)"
rm -rf "$R"
exit 0
