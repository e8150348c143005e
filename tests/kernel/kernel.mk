# Kernel behaviour checked from inside the guest by small PID-1 programs,
# and the kernel sources checked on the host (check-prototypes).
TEST_SUITES += kernel
KTEST_PROGS := $(patsubst tests/kernel/%.c,$(B)/ktest/tests/%,$(wildcard tests/kernel/*.c))

$(B)/ktest/tests/%: tests/kernel/%.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

# The host-side check first: no .c file under kernel/ declares what another
# file defines (see check-prototypes).
test-kernel: $(B)/kernel $(ROOT_PROGS) $(KTEST_PROGS)
	@tests/kernel/check-prototypes $(KCC) $(KCFLAGS)
	@tests/kernel/run-ktests $(B) $(notdir $(KTEST_PROGS))
