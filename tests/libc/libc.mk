# Suite "libc": the guest test program under qemu-riscv64 (the host's
# Linux kernel is the oracle), the header ABI check against Linux's
# values, and crypt() built natively and compared with glibc's (needs the
# host's libcrypt).  See tests/libc/libctest.c, abi-check, crypt_test.c,
# utmp_cases.c and utmp-check.
TEST_SUITES += libc

LIBC_TEST_DIR := $(B)/tests/libc

$(LIBC_TEST_DIR)/libctest: tests/libc/libctest.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

$(LIBC_TEST_DIR)/getopt_cases: tests/libc/getopt_cases.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

$(LIBC_TEST_DIR)/getopt_cases.host: tests/libc/getopt_cases.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

$(LIBC_TEST_DIR)/utmp_cases: tests/libc/utmp_cases.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

$(LIBC_TEST_DIR)/utmp_cases.host: tests/libc/utmp_cases.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

$(LIBC_TEST_DIR)/crypt_test: tests/libc/crypt_test.c libc/src/crypt.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -Dcrypt=our_crypt -c -o $@-crypt.o libc/src/crypt.c
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $< $@-crypt.o -lcrypt

$(LIBC_TEST_DIR)/netdb_cases: tests/libc/netdb_cases.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

$(LIBC_TEST_DIR)/netdb_cases.host: tests/libc/netdb_cases.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

# The guest tests of POSIX semaphores and message queues, built with our
# libc and run under qemu-riscv64: the host kernel judges the library.
LIBC_IPC_TESTS := $(LIBC_TEST_DIR)/psem $(LIBC_TEST_DIR)/mqueue
$(LIBC_IPC_TESTS): $(LIBC_TEST_DIR)/%: tests/guest/%.c tests/guest/t.h tests/check.h \
		$(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

.PHONY: test-libc ccguest-run
LIBC_TEST_PROGS := $(LIBC_TEST_DIR)/libctest $(LIBC_TEST_DIR)/crypt_test $(LIBC_IPC_TESTS) \
	$(LIBC_TEST_DIR)/getopt_cases $(LIBC_TEST_DIR)/getopt_cases.host \
	$(LIBC_TEST_DIR)/utmp_cases $(LIBC_TEST_DIR)/utmp_cases.host \
	$(LIBC_TEST_DIR)/netdb_cases $(LIBC_TEST_DIR)/netdb_cases.host

# getopt, utmp and netdb: each case's output must be the same from our libc and
# glibc; the utmp records both leave must be the same bytes, and each
# library must read the other's as its own.
test-libc: $(LIBC_TEST_PROGS) $(LIBC_DEPS)
	@d=$$(mktemp -d /tmp/libctest.XXXXXX) && \
	qemu-riscv64 $(LIBC_TEST_DIR)/libctest $$d; rm -rf $$d
	@for t in $(LIBC_IPC_TESTS); do \
		d=$$(mktemp -d) && mkdir $$d/disk $$d/tmp && \
		T_QEMU_USER=1 T_DISK=$$d/disk T_TMP=$$d/tmp qemu-riscv64 $$t | sed 's/^\(PASS\|FAIL\) /\1 qemu-user-/'; \
		rm -rf "$$d"; \
	done
	@$(LIBC_TEST_DIR)/crypt_test
	@$(LIBC_TEST_DIR)/getopt_cases.host > $(LIBC_TEST_DIR)/getopt.glibc
	@qemu-riscv64 $(LIBC_TEST_DIR)/getopt_cases | \
		tests/libc/compare-cases getopt $(LIBC_TEST_DIR)/getopt.glibc
	@tests/libc/utmp-check $(LIBC_TEST_DIR)
	@$(LIBC_TEST_DIR)/netdb_cases.host > $(LIBC_TEST_DIR)/netdb.glibc
	@qemu-riscv64 $(LIBC_TEST_DIR)/netdb_cases | \
		tests/libc/compare-cases netdb $(LIBC_TEST_DIR)/netdb.glibc
	@tests/libc/abi-check $(LIBC_TEST_DIR)/abi

# Used by tests/libc/ccguest: link one program against our libc.
ccguest-run: $(LIBC_DEPS)
	@$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) $(CCGUEST_ARGS) $(USER_LDLIBS)
