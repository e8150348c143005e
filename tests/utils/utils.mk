# Suite "utils": the small utilities and init, tested natively.
#   tests/utils/run.sh DIR   runs every utility found in DIR against a
#                            scratch directory (POSIX sh, so the same
#                            script can later run inside the guest)
#   tests/utils/text.sh DIR  the text utilities (sort, sed, diff, ...)
#                            against recorded GNU output, the same way
#   init_test                init's parsing helpers, with sanitizers
#   more_pty.py MORE         the pager's keys and pages through a pty
#   top_pty.py TOP           top's screens, raw mode, q and SIGTERM
#                            through a pty
#   accounts_test            userland/lib's /etc tables, account file
#                            rewrites and login-time formats
#   accounts.sh DIR          id, groups, whoami, ls -l, chown, chgrp,
#                            useradd, userdel, who, w and last on a
#                            scratch root (USERLAND_ROOT) with login
#                            records written by mkutmp (glibc's updwtmp)
#   lib_test                 userland/lib's sizes, mode strings and signal
#                            names, with sanitizers; when the guest build
#                            links, also that one under qemu-riscv64 (the
#                            guest libc's signal table)
TEST_SUITES += utils

UTILS_HOST_BINS := $(USER_SINGLE_BIN:%=$(B)/host/bin/%) \
	$(USER_SINGLE_SBIN:%=$(B)/host/bin/%) $(B)/host/bin/init $(B)/host/bin/isolate
INIT_TEST_SRCS := userland/init/init_test.c userland/init/parse.c
LIB_TEST_SRCS  := userland/lib/lib_test.c userland/lib/human.c userland/lib/modeexpr.c \
	userland/lib/modestr.c userland/lib/signame.c

$(B)/host/test/init_test: $(INIT_TEST_SRCS) userland/init/init.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ $(INIT_TEST_SRCS)

ACCOUNTS_TEST_SRCS := userland/lib/accounts_test.c userland/lib/accounts.c \
	userland/lib/logins.c userland/lib/pwdb.c

$(B)/host/test/accounts_test: $(ACCOUNTS_TEST_SRCS) $(USERLIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(USERLIB_CFLAGS) $(HOST_USERLIB_DEFS) \
		-fsanitize=address,undefined -o $@ $(ACCOUNTS_TEST_SRCS)

$(B)/host/test/mkutmp: tests/utils/mkutmp.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

$(B)/host/test/lib_test: $(LIB_TEST_SRCS) $(USERLIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(USERLIB_CFLAGS) -fsanitize=address,undefined -o $@ \
		$(LIB_TEST_SRCS)

$(B)/user/test/lib_test: $(LIB_TEST_SRCS) $(USERLIB_HEADERS) $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USERLIB_CFLAGS) $(USER_LDFLAGS) -o $@ \
		$(LIB_TEST_SRCS) $(USER_LDLIBS)

.PHONY: test-utils
test-utils: $(UTILS_HOST_BINS) $(B)/host/test/init_test $(B)/host/test/lib_test \
		$(B)/host/test/accounts_test $(B)/host/test/mkutmp
	@$(B)/host/test/init_test
	@$(B)/host/test/lib_test
	@$(B)/host/test/accounts_test
	@if command -v qemu-riscv64 >/dev/null && \
	    $(MAKE) -s $(B)/user/test/lib_test >/dev/null 2>&1; then \
		qemu-riscv64 $(B)/user/test/lib_test utils-guest-lib; fi
	@sh tests/utils/run.sh $(B)/host/bin
	@python3 tests/utils/more_pty.py $(B)/host/bin/more
	@python3 tests/utils/top_pty.py $(B)/host/bin/top
	@sh tests/utils/text.sh $(B)/host/bin
	@sh tests/utils/accounts.sh $(B)/host/bin $(B)/host/test/mkutmp
