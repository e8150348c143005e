# Kernel behaviour checked from inside the guest by small PID-1 programs.
TEST_SUITES += kernel
KTEST_PROGS := $(patsubst tests/kernel/%.c,$(B)/ktest/tests/%,$(wildcard tests/kernel/*.c))

$(B)/ktest/tests/%: tests/kernel/%.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

test-kernel: $(B)/kernel $(ROOT_PROGS) $(KTEST_PROGS)
	@tests/kernel/run-ktests $(B) $(notdir $(KTEST_PROGS))
