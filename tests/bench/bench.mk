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

# make insnprof CMD="/bin/isolate /bin/true" [N=100] [TOP=40]: the exact
# instructions one run of CMD costs, by kernel function (tests/bench/insnprof).
N ?= 100
TOP ?= 40
$(B)/host/insnprof.so: tests/bench/insnprof.c
	@mkdir -p $(dir $@)
	cc -O2 -Wall -Wextra -shared -fPIC -o $@ $< -lpthread

$(B)/insnprof/tests/insnloop: tests/bench/insnloop.c
	@mkdir -p $(dir $@)
	$(BENCH_GLIBC_CC) -static -O2 -Wall -Wextra -o $@ $<

# The static glibc benchmark is there too: CMD="/tests/glibcbench tcp-stream".
$(B)/insnprof/tests/glibcbench: $(B)/bench/tests/glibcbench
	@mkdir -p $(dir $@)
	cp $< $@

.PHONY: insnprof
insnprof: $(B)/kernel $(B)/rootfs.img $(ROOT_PROGS) $(B)/host/insnprof.so $(B)/insnprof/tests/insnloop \
		$(B)/insnprof/tests/glibcbench
	@tests/bench/insnprof $(B) $(N) "$(CMD)" $(TOP)

# make bench-linux: the static glibc benchmark on Debian 13's riscv64 Linux
# kernel in the same qemu (tests/bench/linux-ref); make bench prints its
# figures (build/linuxref/gbench.txt) beside ours.  SKIPs without the mirror.
.PHONY: bench-linux
bench-linux: $(B)/bench/tests/glibcbench
	@tests/bench/linux-ref $(B)

# make bench-linux-pairs [PAIRS=3]: wall time of ours and Linux's in one
# session, alternating boots (what a busy host allows comparing).
PAIRS ?= 3
.PHONY: bench-linux-pairs
bench-linux-pairs: $(B)/kernel $(B)/rootfs.img $(ROOT_PROGS) $(B)/bench/tests/glibcbench
	@tests/bench/linux-ref $(B) pairs $(PAIRS)
