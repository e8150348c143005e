# The shell's tests: scripts with expected output (posix/ ones also checked
# against dash), and the line editor, history, completion and job control
# driven through a pty (keys in, screen out).
TEST_SUITES += sh

# When the guest build links (it needs the project's libc), the scripts
# also run it under qemu-riscv64, as sh-guest-*.  Only the scripts: they
# print plain output, which qemu-user emulates reliably.  Its emulation of
# stop/continue and of terminal job control is racy on some hosts, so the
# pty tests (^Z, bg, fg, stopped jobs) run the host build here and the
# guest build where it matters, in our kernel: tests/console/scenario_jobs.py.
.PHONY: test-sh
test-sh: $(B)/host/bin/sh
	@tests/sh/run-scripts $(B)/host/bin/sh
	@python3 tests/sh/pty_test.py $(B)/host/bin/sh
	@if command -v qemu-riscv64 >/dev/null && \
	    $(MAKE) -s $(B)/root/bin/sh >/dev/null 2>&1; then \
		SH_TEST_PREFIX=sh-guest tests/sh/run-scripts tests/sh/qemu-sh; \
	fi

# The parser fuzzer (libFuzzer, ASan+UBSan): `make fuzz-sh` runs it for
# FUZZ_SECONDS over the corpus kept in tests/sh/corpus.
FUZZ_SECONDS ?= 600
SH_FUZZ_SRCS := $(filter-out userland/sh/main.c %_test.c,$(wildcard userland/sh/*.c)) \
	userland/lib/signame.c
$(B)/host/fuzz_sh: $(SH_FUZZ_SRCS) userland/sh/main.c userland/sh/sh.h
	@mkdir -p $(dir $@)
	clang -g -O1 -fsanitize=fuzzer,address,undefined -Dmain=sh_main -o $@ \
		$(USERLIB_CFLAGS) $(SH_FUZZ_SRCS) userland/sh/main.c

.PHONY: fuzz-sh
fuzz-sh: $(B)/host/fuzz_sh
	@mkdir -p $(B)/fuzz-sh-corpus
	$(B)/host/fuzz_sh -max_total_time=$(FUZZ_SECONDS) -max_len=512 \
		$(B)/fuzz-sh-corpus tests/sh/corpus

# Benchmarks (make bench): the shell against dash and bash on the host.
.PHONY: bench-sh
bench: bench-sh
bench-sh: $(B)/host/bin/sh
	@tests/sh/bench/run-bench $(B)/host/bin/sh

# The console scenario in the guest (job control, history, completion,
# history across a reboot).  Not in TEST_SUITES until the kernel runs
# /bin/sh; run it with `make test-sh-guest`.
.PHONY: test-sh-guest
test-sh-guest: $(B)/kernel $(B)/rootfs.img
	@python3 tests/sh/console_scenario.py $(B)/kernel $(B)/rootfs.img
