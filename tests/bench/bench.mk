# make bench: guest benchmarks, timed and counted (see tests/bench/run-bench).
$(B)/bench/tests/bench: tests/bench/bench.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

$(B)/bench/tests/shbench/%.sh: tests/sh/bench/%.sh
	@mkdir -p $(dir $@)
	cp $< $@

bench: $(B)/kernel $(B)/rootfs.img $(ROOT_PROGS) $(B)/bench/tests/bench \
	$(patsubst tests/sh/bench/%,$(B)/bench/tests/shbench/%,$(wildcard tests/sh/bench/*.sh))
	@tests/bench/run-bench $(B)
