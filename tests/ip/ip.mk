# Suite "ip": userland/ip (iproute2's ip over rtnetlink), natively on the
# Linux host against the host's iproute2 ip, its oracle.
#   run.sh BINDIR   scenario.sh's command lines (veth pairs, addresses,
#                   routes, a second namespace with ip netns, pings
#                   across, errors and bad command lines) run in fresh
#                   `unshare -Urnm` namespaces with each ip; every
#                   command's output and status must match
# tests/guest/ip.sh is the same homework in our kernel (not yet in
# testinit.list: it needs the rtnetlink and Ethernet branches).
TEST_SUITES += ip

.PHONY: test-ip
test-ip: $(B)/host/bin/ip $(B)/host/bin/ping
	@sh tests/ip/run.sh $(B)/host/bin
