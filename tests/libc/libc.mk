# Suite "libc": the guest test program under qemu-riscv64 (the host's
# Linux kernel is the oracle) and the header ABI check against Linux's
# values.  See tests/libc/libctest.c and tests/libc/abi-check.
TEST_SUITES += libc

LIBC_TEST_DIR := $(B)/tests/libc

$(LIBC_TEST_DIR)/libctest: tests/libc/libctest.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

.PHONY: test-libc ccguest-run
test-libc: $(LIBC_TEST_DIR)/libctest $(LIBC_DEPS)
	@d=$$(mktemp -d /tmp/libctest.XXXXXX) && \
	qemu-riscv64 $(LIBC_TEST_DIR)/libctest $$d; rm -rf $$d
	@tests/libc/abi-check $(LIBC_TEST_DIR)/abi

# Used by tests/libc/ccguest: link one program against our libc.
ccguest-run: $(LIBC_DEPS)
	@$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) $(CCGUEST_ARGS) $(USER_LDLIBS)
