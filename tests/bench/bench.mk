# make bench: guest benchmarks, timed and counted (see tests/bench/run-bench).
$(B)/bench/tests/bench: tests/bench/bench.c $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

bench: $(B)/kernel $(ROOT_PROGS) $(B)/bench/tests/bench
	@tests/bench/run-bench $(B)
