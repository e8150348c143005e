# Suite "isolate": the container programs, natively on the Linux host,
# which is their oracle.
#   isolate_test   userland/isolate/options.c (command line, map lines,
#                  flag names), with sanitizers
#   run.sh BIN T   isolate, unshare, nsenter, lsns and ps -o/--forest run
#                  for real (as root, and as uid 1000 through setpriv),
#                  compared with util-linux where outputs compare; SKIP
#                  lines when the machine cannot make namespaces
#   rootprog       a static program run as PROGRAM under isolate --root
TEST_SUITES += isolate

ISOLATE_TEST_SRCS := userland/isolate/isolate_test.c userland/isolate/options.c \
	userland/lib/nsnames.c userland/lib/captext.c kernel/security/seccomp_bpf.c

# The default seccomp filter is run through the kernel's own checker and
# interpreter (kernel/security/seccomp_bpf.c: pure, UAPI headers only).
$(B)/host/test/isolate_test: $(ISOLATE_TEST_SRCS) userland/isolate/options.h userland/lib/nsnames.h \
		userland/lib/captext.h kernel/include/seccomp_bpf.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(USERLIB_CFLAGS) -iquote kernel/include \
		-fsanitize=address,undefined -o $@ $(ISOLATE_TEST_SRCS)

$(B)/host/test/rootprog: tests/isolate/rootprog.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -static -o $@ $<

.PHONY: test-isolate
test-isolate: $(B)/host/test/isolate_test $(B)/host/test/rootprog \
		$(patsubst %,$(B)/host/bin/%,isolate isolate-net unshare nsenter lsns ps)
	@$(B)/host/test/isolate_test
	@sh tests/isolate/run.sh $(B)/host/bin $(B)/host/test
