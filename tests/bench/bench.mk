# make bench: guest benchmarks, timed and counted (see tests/bench/run-bench).
$(B)/bench/tests/bench: tests/bench/bench.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

$(B)/bench/tests/shbench/%.sh: tests/sh/bench/%.sh
	@mkdir -p $(dir $@)
	cp $< $@

bench: $(B)/kernel $(B)/rootfs.img $(ROOT_PROGS) $(B)/bench/tests/bench $(B)/bench/tests/glibcbench \
	$(patsubst tests/sh/bench/%,$(B)/bench/tests/shbench/%,$(wildcard tests/sh/bench/*.sh))
	@tests/bench/run-bench $(B)

# The static glibc benchmark, the kind of program ANCHORS.md's Linux figures use.
BENCH_GLIBC_CC := riscv64-linux-gnu-gcc
$(B)/bench/tests/glibcbench: tests/bench/glibcbench.c
	@mkdir -p $(dir $@)
	$(BENCH_GLIBC_CC) -static -O2 -Wall -Wextra -o $@ $<
