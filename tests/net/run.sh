#!/bin/sh
# run.sh BINDIR: the network tools of BINDIR (nc, httpd, wget, ss; the
# host builds) over loopback, compared with the host's own tools where
# they are installed (netcat-openbsd's nc, iproute2's ss, curl, GNU
# wget).  Runs in a fresh user and network namespace of its own (it
# re-executes itself under unshare -Urn), so nothing reaches the host's
# network.  Nothing waits a fixed time: a listener is waited for by
# polling ss, a bounded number of tries guarding against a hang.  Prints
# "PASS net-NAME" or "FAIL net-NAME: why".
case $1 in
'') echo "usage: run.sh bindir" >&2; exit 2 ;;
/*) B=$1 ;;
*) B=$(pwd)/$1 ;;
esac

if [ "$NET_TEST_INSIDE" != 1 ]; then
	NET_TEST_INSIDE=1 exec unshare -Urn sh "$0" "$B"
fi
ip link set lo up || { echo "FAIL net-setup: cannot bring lo up"; exit 0; }

T=$(mktemp -d /tmp/net-test.XXXXXX) || exit 0
cd "$T" || exit 0
trap 'rm -rf "$T"' EXIT
PIDS=

pass() { echo "PASS net-$1"; }
fail() { echo "FAIL net-$1: $2"; }
same() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi; }
have() { command -v "$1" >/dev/null 2>&1; }

# wait_listen PROTO PORT: until ss -PROTO -ln shows the port (5 s at most)
wait_listen() {
	i=0
	while [ $i -lt 100 ]; do
		"$B/ss" -"$1"ln | grep -q ":$2 " && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# wait_file FILE: until FILE is not empty (5 s at most)
wait_file() {
	i=0
	while [ $i -lt 100 ]; do
		[ -s "$1" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# bounded PID: waits for PID, killing it first if it is still there after
# 30 s (a hang guard, never a verdict); its status
bounded() {
	( i=0; while kill -0 "$1" 2>/dev/null && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	  kill "$1" 2>/dev/null ) &
	guard=$!
	wait "$1"
	st=$?
	wait $guard	# it ends by itself once PID is gone
	return $st
}

head -c 1048576 /dev/urandom > big1
head -c 1048576 /dev/urandom > big2

# --- nc: data each way, end of stdin, -N
"$B/nc" -l 127.0.0.1 7001 > got1 &
srv=$!
wait_listen t 7001 || fail nc-listen "no listener on 7001"
"$B/nc" -N 127.0.0.1 7001 < big1
same nc-client-status 0 $?
bounded $srv
same nc-server-ends-at-eof 0 $?
cmp -s big1 got1 && pass nc-client-to-server || fail nc-client-to-server "1 MiB differs"

"$B/nc" -N -l 7002 < big2 &
srv=$!
wait_listen t 7002
"$B/nc" 127.0.0.1 7002 < /dev/null > got2 &
cli=$!
bounded $cli
same nc-client-ends-after-both-eofs 0 $?
bounded $srv
cmp -s big2 got2 && pass nc-server-to-client || fail nc-server-to-client "1 MiB differs"

# -k: a second connection after the first
"$B/nc" -k -l 7003 > gotk &
srv=$!
wait_listen t 7003
echo one | "$B/nc" -N localhost 7003
echo two | "$B/nc" -N localhost 7003
wait_file gotk
i=0
while [ "$(wc -l < gotk)" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
same nc-keep-listening "one two" "$(echo $(cat gotk))"
kill $srv; wait $srv 2>/dev/null

# UDP both ways: the server's peer is the first datagram's sender
"$B/nc" -u -l 7004 > gotu < /dev/null &
srv=$!
wait_listen u 7004
echo datagram | "$B/nc" -u -q 0 127.0.0.1 7004
wait_file gotu
same nc-udp "datagram" "$(cat gotu)"
kill $srv; wait $srv 2>/dev/null

# -z and -v: the messages and statuses of netcat-openbsd
"$B/nc" -l 7005 < /dev/null > /dev/null &
srv=$!
wait_listen t 7005
out=$("$B/nc" -zv 127.0.0.1 7005 2>&1)
same nc-z-open "0 Connection to 127.0.0.1 7005 port [tcp/*] succeeded!" "$? $out"
bounded $srv
out=$("$B/nc" -zv localhost 7006 2>&1)
same nc-z-closed "1 nc: connect to localhost (127.0.0.1) port 7006 (tcp) failed: Connection refused" "$? $out"
out=$("$B/nc" -z 127.0.0.1 7006 2>&1)
same nc-z-closed-quiet "1 " "$? $out"
out=$("$B/nc" -z 127.0.0.1 99999 2>&1)
same nc-port-too-large "1 nc: port number too large: 99999" "$? $out"
out=$("$B/nc" -x 2>&1)
case "$?:$out" in 1:*"usage: nc"*) pass nc-usage ;; *) fail nc-usage "$out" ;; esac
if have nc && nc -h 2>&1 | grep -q OpenBSD; then
	for args in "-zv 127.0.0.1 7006" "-zvn localhost 7006" "-z 127.0.0.1 70000" \
	    "-v 127.0.0.1" "-l" "-k 127.0.0.1 7006" "-zv 127.0.0.1 7006-7008"; do
		want=$(nc $args 2>&1 < /dev/null; echo "status $?")
		got=$("$B/nc" $args 2>&1 < /dev/null; echo "status $?")
		same "nc-as-openbsd($args)" "$want" "$got"
	done
else
	echo "SKIP net-nc-as-openbsd: no netcat-openbsd on the host"
fi

# --- httpd and wget
mkdir -p www/sub www/list
cp big1 www/big.bin
echo hello > www/a.txt
echo '<p>index</p>' > www/sub/index.html
echo x > www/list/'b&c d.txt'
ln -s /etc/passwd www/leak
"$B/httpd" -f -p 7080 -d www 2> httpd.log &
httpd=$!
wait_listen t 7080 || fail httpd-listen "no listener on 7080"
U=http://127.0.0.1:7080

"$B/wget" -q -O got.bin $U/big.bin
same wget-status 0 $?
cmp -s big1 got.bin && pass wget-1mib || fail wget-1mib "differs"
mkdir dl && (cd dl && "$B/wget" -q $U/a.txt && "$B/wget" -q $U/a.txt)
same wget-default-names "hello hello" "$(echo $(cat dl/a.txt dl/a.txt.1))"
same wget-stdout "hello" "$("$B/wget" -q -O - $U/a.txt)"
"$B/wget" -q -O - $U/nope > /dev/null 2>&1
same wget-404-status 8 $?
out=$("$B/wget" -O - $U/nope 2>&1 >/dev/null)
case $out in *"ERROR 404: Not Found."*) pass wget-404-message ;; *) fail wget-404-message "$out" ;; esac
"$B/wget" -q -O - http://127.0.0.1:7081/ > /dev/null 2>&1
same wget-refused-status 4 $?
same wget-follows-redirect "<p>index</p>" "$("$B/wget" -q -O - $U/sub)"
"$B/wget" -q ftp://x/ 2>/dev/null
same wget-bad-url-status 1 $?

# Status codes, asked with raw requests through our nc.
req() { printf "$1" | "$B/nc" -N 127.0.0.1 7080 | head -n 1 | tr -d '\r'; }
same httpd-get "HTTP/1.1 200 OK" "$(req 'GET /a.txt HTTP/1.0\r\n\r\n')"
same httpd-404 "HTTP/1.1 404 Not Found" "$(req 'GET /none HTTP/1.0\r\n\r\n')"
same httpd-escape-400 "HTTP/1.1 400 Bad Request" "$(req 'GET /../etc/passwd HTTP/1.0\r\n\r\n')"
same httpd-encoded-escape-400 "HTTP/1.1 400 Bad Request" "$(req 'GET /%%2e%%2e/etc/passwd HTTP/1.0\r\n\r\n')"
same httpd-symlink-out-403 "HTTP/1.1 403 Forbidden" "$(req 'GET /leak HTTP/1.0\r\n\r\n')"
same httpd-405 "HTTP/1.1 405 Method Not Allowed" "$(req 'POST /a.txt HTTP/1.0\r\n\r\n')"
same httpd-501 "HTTP/1.1 501 Not Implemented" "$(req 'BREW /a.txt HTTP/1.0\r\n\r\n')"
same httpd-505 "HTTP/1.1 505 HTTP Version Not Supported" "$(req 'GET / HTTP/3.0\r\n\r\n')"
same httpd-no-host-400 "HTTP/1.1 400 Bad Request" "$(req 'GET / HTTP/1.1\r\n\r\n')"
same httpd-garbage-400 "HTTP/1.1 400 Bad Request" "$(req '\001\002\377 garbage\r\n\r\n')"
same httpd-redirect "HTTP/1.1 301 Moved Permanently" "$(req 'GET /sub HTTP/1.0\r\n\r\n')"
head=$(printf 'HEAD /a.txt HTTP/1.0\r\n\r\n' | "$B/nc" -N 127.0.0.1 7080 | tr -d '\r')
case $head in
*"Content-Type: text/plain"*"Content-Length: 6"*) pass httpd-head-headers ;;
*) fail httpd-head-headers "$head" ;;
esac
case $head in *hello*) fail httpd-head-no-body "$head" ;; *) pass httpd-head-no-body ;; esac
list=$("$B/wget" -q -O - $U/list/)
case $list in
*'<a href="b&amp;c%20d.txt">b&amp;c d.txt</a>'*) pass httpd-listing ;;
*) fail httpd-listing "$list" ;;
esac
kill -0 $httpd 2>/dev/null && pass httpd-survives-bad-requests || fail httpd-survives-bad-requests "died"
n=$(grep -c '"GET /a.txt HTTP/1.0" 200 6$' httpd.log)
same httpd-log-line 1 "$n"

if have curl; then
	same curl-big "$(cksum < big1)" "$(curl -s $U/big.bin | cksum)"
	same curl-codes "200 404 403 405 301" "$(for p in a.txt nope leak; do curl -s -o /dev/null -w '%{http_code} ' $U/$p; done; curl -s -o /dev/null -w '%{http_code} ' -X PUT $U/a.txt; curl -s -o /dev/null -w '%{http_code}' $U/sub)"
	same curl-type "text/html" "$(curl -s -o /dev/null -w '%{content_type}' $U/sub/)"
else
	echo "SKIP net-curl: no curl on the host"
fi
if have wget && wget --version 2>/dev/null | grep -q GNU; then
	mkdir gnu ours
	(cd gnu && wget -q $U/a.txt $U/big.bin; echo $? > st; wget -q $U/nope; echo $? >> st)
	(cd ours && "$B/wget" -q $U/a.txt $U/big.bin; echo $? > st; "$B/wget" -q $U/nope; echo $? >> st)
	same gnu-wget-same-files "$(cd gnu && cksum a.txt big.bin st)" "$(cd ours && cksum a.txt big.bin st)"
else
	echo "SKIP net-gnu-wget: no GNU wget on the host"
fi

# --- ss, with the sockets (-e is left out of the comparisons where it
# would show TIME-WAIT sockets: ss adds their timers, which this one
# does not read) made above (httpd's listener) and a few more
"$B/nc" -l 127.0.0.1 7010 < /dev/null > /dev/null &
l1=$!
"$B/nc" -u -l 7011 < /dev/null > /dev/null &
l2=$!
wait_listen t 7010
wait_listen u 7011
mkfifo hold
"$B/nc" -N 127.0.0.1 7010 < hold > /dev/null &
c1=$!
exec 9> hold
i=0
while [ "$("$B/ss" -tn | grep -c ':7010 ')" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
out=$("$B/ss" -tln)
case $out in *"127.0.0.1:7010"*"0.0.0.0:*"*) pass ss-listener ;; *) fail ss-listener "$out" ;; esac
out=$("$B/ss" -tlnp)
case $out in *"users:((\"nc\",pid=$l1,fd=3))"*) pass ss-process ;; *) fail ss-process "$out" ;; esac
if have ss; then
	for o in -tln -tan -uan -tuna -tlnp -tanp -tlnpe -ulnp -H -tlnH -xa -lt; do
		want=$(PROC_ROOT=/proc ss $o)
		got=$("$B/ss" $o)
		same "ss-as-iproute2($o)" "$want" "$got"
	done
else
	echo "SKIP net-ss-as-iproute2: no ss on the host"
fi
exec 9>&-
bounded $c1
st1=$?
bounded $l1
same nc-half-close-ends-both "0 0" "$st1 $?"
for p in $l2 $httpd; do
	kill $p
	wait $p 2>/dev/null
done
exit 0
