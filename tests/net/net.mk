# Suite "net": the network tools (nc, httpd, wget, ss) built natively
# and tried over loopback in a network namespace of their own, compared
# with the host's netcat-openbsd, ss, curl and GNU wget where installed
# (tests/net/run.sh); http_test, userland/lib/http.c's parsers fuzzed
# with sanitizers; relay_test, userland/lib/relay.c as a TCP proxy
# respecting half-closes, with sanitizers.
TEST_SUITES += net

NET_HOST_BINS := $(B)/host/bin/nc $(B)/host/bin/httpd $(B)/host/bin/wget $(B)/host/bin/ss
NET_SAN_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -fsanitize=address,undefined \
	-fno-sanitize-recover=all $(USERLIB_CFLAGS)

$(B)/host/test/http_test: userland/lib/http_test.c userland/lib/http.c userland/lib/http.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(NET_SAN_CFLAGS) -o $@ userland/lib/http_test.c userland/lib/http.c

$(B)/host/test/relay_test: tests/net/relay_test.c userland/lib/relay.c userland/lib/netaddr.c \
		userland/lib/relay.h userland/lib/netaddr.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(NET_SAN_CFLAGS) -o $@ tests/net/relay_test.c userland/lib/relay.c \
		userland/lib/netaddr.c

.PHONY: test-net
test-net: $(NET_HOST_BINS) $(B)/host/test/http_test $(B)/host/test/relay_test
	@$(B)/host/test/http_test
	@unshare -Urn sh -c 'ip link set lo up && exec $(B)/host/test/relay_test'
	@sh tests/net/run.sh $(B)/host/bin
