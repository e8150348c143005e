# Suite "utils": the small utilities and init, tested natively.
#   tests/utils/run.sh DIR   runs every utility found in DIR against a
#                            scratch directory (POSIX sh, so the same
#                            script can later run inside the guest)
#   init_test                init's parsing helpers, with sanitizers
#   more_pty.py MORE         the pager's keys and pages through a pty
TEST_SUITES += utils

UTILS_HOST_BINS := $(USER_SINGLE_BIN:%=$(B)/host/bin/%) \
	$(USER_SINGLE_SBIN:%=$(B)/host/bin/%) $(B)/host/bin/init
INIT_TEST_SRCS := userland/init/init_test.c userland/init/parse.c

$(B)/host/test/init_test: $(INIT_TEST_SRCS) userland/init/init.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -fsanitize=address,undefined -o $@ $(INIT_TEST_SRCS)

.PHONY: test-utils
test-utils: $(UTILS_HOST_BINS) $(B)/host/test/init_test
	@$(B)/host/test/init_test
	@sh tests/utils/run.sh $(B)/host/bin
	@python3 tests/utils/more_pty.py $(B)/host/bin/more
