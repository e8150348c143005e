#!/bin/sh
# The network tools in our kernel, over the loopback of a network
# namespace of their own (testinit.list runs this under
# /tests/netns-lo): httpd serving a directory to wget (a small file, a
# 1 MiB one, a 404), nc both ways over TCP and over UDP, nc -z on an open
# and a closed port, ss -tln showing httpd's listener and ss -tnp the
# processes of a connection (their descriptor numbers depend on what
# the test's own shell holds open, so they are not checked).  No fixed sleeps: listeners are waited for
# by polling ss, a bounded number of tries guarding against a hang.
# Prints PASS/FAIL lines.
pass() { echo "PASS net-$1"; }
fail() { echo "FAIL net-$1: $2"; }
same() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi; }

# wait_listen PROTO PORT: until ss -PROTO -ln shows the port
wait_listen() {
	i=0
	while [ $i -lt 400 ]; do
		ss -"$1"ln | grep -q ":$2 " && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# wait_count N PATTERN: until ss -tn shows N lines matching PATTERN
wait_count() {
	i=0
	while [ $i -lt 400 ]; do
		[ "$(ss -tn | grep -c "$2")" -ge "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# wait_file FILE: until FILE is not empty
wait_file() {
	i=0
	while [ $i -lt 400 ]; do
		[ -s "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

T=/tmp/nettools.$$
rm -rf $T
mkdir -p $T/www/sub $T/dl || { fail setup "cannot make $T"; exit 0; }
cd $T || exit 0
echo hello > www/small.txt
head -c 1048576 /dev/urandom > www/big.bin
echo '<p>sub</p>' > www/sub/index.html

# --- httpd and wget
httpd -f -p 8080 -d $T/www 2> httpd.log &
httpd=$!
wait_listen t 8080 && pass httpd-listening || fail httpd-listening "no listener on 8080"
out=$(ss -tln)
case $out in *"0.0.0.0:8080 "*"0.0.0.0:*"*) pass ss-tln-listener ;; *) fail ss-tln-listener "$out" ;; esac
out=$(ss -tlnp)
case $out in
*"users:((\"httpd\",pid=$httpd,fd="[0-9]*"))"*) pass ss-tlnp-process ;;
*) fail ss-tlnp-process "$out" ;;
esac

wget -q -O got.small http://127.0.0.1:8080/small.txt
same wget-status 0 $?
cmp -s www/small.txt got.small && pass wget-small || fail wget-small "differs"
(cd dl && wget -q http://localhost:8080/big.bin)
same wget-1mib-status 0 $?
cmp -s www/big.bin dl/big.bin && pass wget-1mib || fail wget-1mib "differs"
wget -q -O - http://127.0.0.1:8080/none > /dev/null 2>&1
same wget-404-status 8 $?
same wget-redirect "<p>sub</p>" "$(wget -q -O - http://127.0.0.1:8080/sub)"
same httpd-escape-400 "HTTP/1.1 400 Bad Request" \
	"$(printf 'GET /../etc/passwd HTTP/1.0\r\n\r\n' | nc -N 127.0.0.1 8080 | head -n 1 | tr -d '\r')"
grep -q '"GET /small.txt HTTP/1.1" 200 6$' httpd.log && pass httpd-log || fail httpd-log "$(cat httpd.log)"

# --- nc -z: httpd's open port, a closed one
out=$(nc -zv 127.0.0.1 8080 2>&1)
same nc-z-open "0 Connection to 127.0.0.1 8080 port [tcp/*] succeeded!" "$? $out"
out=$(nc -zv 127.0.0.1 8099 2>&1)
same nc-z-closed "1 nc: connect to 127.0.0.1 port 8099 (tcp) failed: Connection refused" "$? $out"

# --- nc over TCP, each way, 1 MiB
nc -l 8001 > got.up &
srv=$!
wait_listen t 8001
nc -N 127.0.0.1 8001 < www/big.bin
same nc-client-status 0 $?
wait $srv
same nc-server-ends-at-eof 0 $?
cmp -s www/big.bin got.up && pass nc-client-to-server || fail nc-client-to-server "differs"

nc -N -l 8002 < www/big.bin &
srv=$!
wait_listen t 8002
nc 127.0.0.1 8002 < /dev/null > got.down
same nc-client-ends-after-both-eofs 0 $?
wait $srv
cmp -s www/big.bin got.down && pass nc-server-to-client || fail nc-server-to-client "differs"

# --- nc over UDP
nc -u -l 8003 < /dev/null > got.udp &
srv=$!
wait_listen u 8003
echo datagram | nc -u -q 0 127.0.0.1 8003
wait_file got.udp
same nc-udp "datagram" "$(cat got.udp)"
kill $srv
wait $srv 2>/dev/null

# --- ss -tnp: both ends of a connection and their processes
nc -l 8004 < /dev/null > /dev/null &
srv=$!
wait_listen t 8004
nc -d 127.0.0.1 8004 > /dev/null &
cli=$!
wait_count 2 ':8004 '
out=$(ss -tnp)
case $out in
*"127.0.0.1:8004 "*"users:((\"nc\",pid=$srv,fd="[0-9]*"))"*) pass ss-tnp-server ;;
*) fail ss-tnp-server "$out" ;;
esac
case $out in
*"127.0.0.1:8004 "*"users:((\"nc\",pid=$cli,fd="[0-9]*"))"*) pass ss-tnp-client ;;
*) fail ss-tnp-client "$out" ;;
esac
kill $cli
wait $cli 2>/dev/null
wait $srv
same nc-server-ends-when-client-goes 0 $?

kill $httpd
wait $httpd 2>/dev/null
cd /
rm -rf $T
