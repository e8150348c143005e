# Kernel behaviour checked from inside the guest by small PID-1 programs,
# and the kernel sources checked on the host (check-prototypes).
TEST_SUITES += kernel
KTEST_PROGS := $(patsubst tests/kernel/%.c,$(B)/ktest/tests/%,$(wildcard tests/kernel/*.c))

$(B)/ktest/tests/%: tests/kernel/%.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

# The host-side check first: no .c file under kernel/ declares what another
# file defines (see check-prototypes).
test-kernel: $(B)/kernel $(ROOT_PROGS) $(KTEST_PROGS) $(B)/host/ktests/tcp_fsm_test \
		$(B)/host/ktests/string_test $(B)/host/ktests/neigh_fsm_test $(B)/host/ktests/tcp_cong_test \
		$(B)/host/ktests/chacha_test
	@tests/kernel/check-prototypes $(KCC) $(KCFLAGS)
	@$(B)/host/ktests/tcp_fsm_test | sed 's/^\(PASS\|FAIL\) /\1 host-/'
	@$(B)/host/ktests/string_test | sed 's/^\(PASS\|FAIL\) /\1 host-/'
	@$(B)/host/ktests/neigh_fsm_test | sed 's/^\(PASS\|FAIL\) /\1 host-/'
	@$(B)/host/ktests/tcp_cong_test | sed 's/^\(PASS\|FAIL\) /\1 host-/'
	@$(B)/host/ktests/chacha_test | sed 's/^\(PASS\|FAIL\) /\1 host-/'
	@tests/kernel/run-ktests $(B) $(notdir $(KTEST_PROGS))

# Host unit tests of kernel files that build natively (tests/kernel/host/).
$(B)/host/ktests/tcp_fsm_test: tests/kernel/host/tcp_fsm_test.c kernel/net/tcp_fsm.c \
		kernel/include/tcp_fsm.h tests/check.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -iquote kernel/include -o $@ $< kernel/net/tcp_fsm.c

# kernel/lib/string.c natively, its functions renamed so that they do not
# stand in for the C library's.
KSTRING_RENAME := $(foreach f,memcpy memmove memset memcmp strlen strnlen strcmp strncmp strchr strlcpy,-D$(f)=k$(f))
$(B)/host/ktests/string_test: tests/kernel/host/string_test.c kernel/lib/string.c \
		kernel/include/string.h tests/check.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -fno-builtin -fsanitize=address,undefined -c -iquote kernel/include \
		$(KSTRING_RENAME) -o $@-string.o kernel/lib/string.c
	$(HOSTCC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ $< $@-string.o
$(B)/host/ktests/neigh_fsm_test: tests/kernel/host/neigh_fsm_test.c kernel/net/neigh_fsm.c \
		kernel/include/neigh_fsm.h tests/check.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -iquote kernel/include -o $@ $< kernel/net/neigh_fsm.c

# The congestion arithmetic and SACK scoreboard (kernel/net/tcp_cong.c).
$(B)/host/ktests/tcp_cong_test: tests/kernel/host/tcp_cong_test.c kernel/net/tcp_cong.c \
		kernel/include/tcp_cong.h kernel/include/tcp_fsm.h tests/check.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -iquote kernel/include -o $@ $< kernel/net/tcp_cong.c

# ChaCha20's block function (kernel/lib/chacha.c), the random generator's core.
$(B)/host/ktests/chacha_test: tests/kernel/host/chacha_test.c kernel/lib/chacha.c \
		kernel/include/chacha.h tests/check.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -fsanitize=address,undefined -iquote kernel/include -o $@ $< kernel/lib/chacha.c
