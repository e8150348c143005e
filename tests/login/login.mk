# Suite "login": the logic login, su and passwd share, built natively
# with sanitizers (tests/login/login_test.c): passwords against shadow
# entries, locked accounts, the shadow rewrite (a failing disk leaves the
# old file intact; two writers under the lock lose nothing), lckpwdf,
# the password prompt on a pty and su's command line.  libc's pwlock.c is
# built in with a lock file of the test's own (PWD_LOCKFILE).  Then
# getlogin from our libc under qemu-riscv64 (getlogin_test.c).
TEST_SUITES += login

LOGIN_TEST     := $(B)/host/test/login_test
LOGIN_TEST_SRCS := tests/login/login_test.c $(LOGIN_SHARED_SRCS) libc/src/pwlock.c

$(LOGIN_TEST): $(LOGIN_TEST_SRCS) $(LOGIN_HEADERS) tests/check.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -fsanitize=address,undefined -Iuserland/login -Itests \
		-Dlckpwdf=scratch_lckpwdf -Dulckpwdf=scratch_ulckpwdf \
		-DPWD_LOCKFILE='"pwd.lock"' -o $@ $(LOGIN_TEST_SRCS) -lcrypt -lutil


GETLOGIN_TEST := $(B)/user/test/getlogin_test
$(GETLOGIN_TEST): tests/login/getlogin_test.c tests/check.h $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -Itests $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

.PHONY: test-login
test-login: $(LOGIN_TEST) $(GETLOGIN_TEST)
	@d=$$(mktemp -d /tmp/logintest.XXXXXX) && $(LOGIN_TEST) $$d && \
	qemu-riscv64 $(GETLOGIN_TEST) $$d/utmp; rc=$$?; rm -rf $$d; exit $$rc
