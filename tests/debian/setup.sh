# Fixed files for the cases (sourced by the case scripts in the guest and
# by run-debian on the host before the oracle runs): fixed contents,
# modes and times, so listings come out the same on both sides.
FIXED_TIME='2024-01-02 03:04:05'

mkfiles() {
	printf 'hello\n' > a
	printf 'one two\nthree four\nfive six\n' > b
	printf 'pear,3\napple,10\nfig,1\nplum,2\n' > c
	chmod 644 a
	chmod 640 b
	chmod 600 c
	ln -s a l
	touch -d "$FIXED_TIME" a b c
	touch -h -d "$FIXED_TIME" l
}

mktree() {
	mkdir -p d/x/y d/z
	printf 1 > d/x/one
	printf 22 > d/x/y/two
	printf 333 > d/z/three
	printf 4444 > d/four
	chmod 644 d/x/one d/x/y/two d/z/three d/four
	chmod 755 d d/x d/x/y d/z
	touch -d "$FIXED_TIME" d/x/one d/x/y/two d/z/three d/four d/x/y d/x d/z d
}

# iproute2's ip in a fresh network namespace (run under unshare -rn): the
# links, addresses and routes of a veth pair.  Only what Linux prints at
# once (the operstate of a device just brought up comes a moment later).
mkipscript() {
	cat > ip.sh <<'END'
ip link
ip -4 addr
ip route
ip link add v0 type veth peer name v1
ip -o link | sed 's/ether [0-9a-f:]*/ether MAC/'
ip link set lo up
ip link set v1 up
ip link set v0 up
ip addr add 10.0.0.1/24 dev v0
ip -4 -o addr
ip route
ip route show table local
ip route add default via 10.0.0.254
ip route
ip route get 10.0.0.2
ip route get 192.0.2.1
ip route add 10.9.0.0/16 via 10.7.0.1 2>&1
echo status $?
ip link del v1
ip -o link | cut -d: -f2
ip route
END
}

# iproute2's ip and a bridge (run under unshare -rn): a veth end as its
# port, the bridge's address its lowest port's (all zeros with none), the
# listings with "master br0", then nomaster and deleting the bridge.
# Everything stays down: nothing waits on an operstate.
mkbrscript() {
	cat > br.sh <<'END'
ip link add br0 type bridge
ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip link set v0 master br0
ip link set v1 master br0
ip link show v0
ip link show br0
ip -o link show master br0
ip -br link show type bridge
ip link set br0 master br0 2>&1
echo status $?
ip link set v1 nomaster
ip -br link show nomaster
ip link set v0 nomaster
ip link show br0
ip link set v0 master br0
ip link del br0
ip link show v0
END
}
