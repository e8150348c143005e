# Suite "login": the logic login, su and passwd share, built natively
# with sanitizers (tests/login/login_test.c): passwords against shadow
# entries, locked accounts, the shadow rewrite (a failing disk leaves the
# old file intact; two writers under the lock lose nothing), lckpwdf,
# the password prompt on a pty and su's command line.  libc's pwlock.c is
# built in with a lock file of the test's own (PWD_LOCKFILE).  Then
# getlogin from our libc under qemu-riscv64 (getlogin_test.c).
TEST_SUITES += login login-guest

LOGIN_TEST     := $(B)/host/test/login_test
LOGIN_TEST_SRCS := tests/login/login_test.c $(LOGIN_SHARED_SRCS) libc/src/pwlock.c libc/src/cgroup.c

$(LOGIN_TEST): $(LOGIN_TEST_SRCS) $(LOGIN_HEADERS) tests/check.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -fsanitize=address,undefined -Iuserland/login -Itests -iquote libc/include \
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

# The programs themselves in our kernel (tests/login/login_guest.c), as
# root: a test image with the guest suite's testinit as /tests/logininit
# reading logininit.list, booted once at -smp 2 by tests/guest/run-guest
# (which ends with e2fsck).  Suite "login-guest" (make test-login-guest);
# the suites run one after another, so its use of run-guest's image names
# never meets the guest suite's.
LOGIN_GUEST_ROOT := $(B)/login-guest/root
LOGIN_GUEST_IMG  := $(B)/login-guest/rootfs.img
LOGIN_GUEST_FILES := $(LOGIN_GUEST_ROOT)/tests/logininit $(LOGIN_GUEST_ROOT)/tests/logininit.list \
	$(LOGIN_GUEST_ROOT)/tests/login_guest

$(LOGIN_GUEST_ROOT)/tests/login_guest: tests/login/login_guest.c tests/check.h $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -Itests $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)
$(LOGIN_GUEST_ROOT)/tests/logininit: $(GUEST_ROOT)/tests/testinit
	@mkdir -p $(dir $@)
	cp $< $@
$(LOGIN_GUEST_ROOT)/tests/logininit.list: tests/login/logininit.list
	@mkdir -p $(dir $@)
	cp $< $@
$(LOGIN_GUEST_IMG): $(ROOT_PROGS) $(LOGIN_GUEST_FILES) tests/mkimage $(shell find rootfs -type f 2>/dev/null)
	tests/mkimage $@ 64M rootfs $(B)/root $(LOGIN_GUEST_ROOT)

.PHONY: test-login-guest
test-login-guest: $(B)/kernel $(LOGIN_GUEST_IMG)
	@GUEST_INIT=/tests/logininit tests/guest/run-guest $(B)/kernel $(LOGIN_GUEST_IMG) 2
