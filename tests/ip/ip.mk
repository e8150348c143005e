# Suite "ip": userland/ip (iproute2's ip over rtnetlink), natively on the
# Linux host against the host's iproute2 ip, its oracle.
#   names_test      userland/ip/names.c: IPv6 text as glibc writes it,
#                   MAC addresses, prefixes, table/scope words; sanitizers
#   run.sh BINDIR   scenario.sh's command lines (veth pairs, a bridge, addresses,
#                   routes, a second namespace with ip netns, pings
#                   across, errors and bad command lines) run in fresh
#                   `unshare -Urnm` namespaces with each ip; every
#                   command's output and status must match
# tests/guest/ip.sh is the same homework in our kernel (not yet in
# testinit.list: it needs the rtnetlink and Ethernet branches).
TEST_SUITES += ip

$(B)/host/test/ip_names_test: userland/ip/names_test.c userland/ip/names.c userland/ip/ip.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ \
		userland/ip/names_test.c userland/ip/names.c

.PHONY: test-ip
test-ip: $(B)/host/bin/ip $(B)/host/bin/ping $(B)/host/test/ip_names_test
	@$(B)/host/test/ip_names_test
	@sh tests/ip/run.sh $(B)/host/bin
