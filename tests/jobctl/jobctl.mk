# Suite "jobctl": signals, sessions, process groups and terminals, driven
# through pseudo-terminals the way a terminal emulator and a shell drive
# them.  Every program in tests/jobctl/*.c is built twice: with the host gcc
# (run first on this Linux host, the oracle: prefix "host-") and with our
# libc, packed into build/jobctl/test.img and run inside our kernel by a
# copy of the guest suite's testinit reading jcinit.list (prefix "smpN-").
# The static glibc programs of tests/jobctl/linux/ run in our kernel and must
# print the bytes Linux printed, recorded in tests/jobctl/linux/NAME.expected
# (`make jobctl-expected` records them again: the same source built with the
# host gcc, run on this host's Linux).  tests/jobctl/run-jobctl does all of it.
TEST_SUITES += jobctl

JC_DIR    := $(B)/jobctl
JC_ROOT   := $(JC_DIR)/root
JC_IMG    := $(JC_DIR)/test.img
JC_NAMES  := $(patsubst tests/jobctl/%.c,%,$(wildcard tests/jobctl/*.c))
JC_GUEST  := $(patsubst %,$(JC_ROOT)/tests/jobctl/%,$(JC_NAMES))
JC_HOST   := $(patsubst %,$(JC_DIR)/host/%,$(JC_NAMES))
JC_GLIBC  := $(patsubst tests/jobctl/linux/%.c,$(JC_ROOT)/tests/jobctl/linux/%,\
	$(wildcard tests/jobctl/linux/*.c))

$(JC_ROOT)/tests/jobctl/%: tests/jobctl/%.c tests/jobctl/jc.h tests/check.h $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

$(JC_DIR)/host/%: tests/jobctl/%.c tests/jobctl/jc.h tests/check.h
	@mkdir -p $(dir $@)
	gcc -O2 -g -Wall -Wextra -std=gnu11 -D_GNU_SOURCE -o $@ $<

$(JC_ROOT)/tests/jobctl/linux/%: tests/jobctl/linux/%.c
	@mkdir -p $(dir $@)
	riscv64-linux-gnu-gcc -static -O2 -Wall -Wextra -o $@ $<

$(JC_ROOT)/tests/jcinit: $(GUEST_ROOT)/tests/testinit
	@mkdir -p $(dir $@)
	cp $< $@

$(JC_ROOT)/tests/jcinit.list: tests/jobctl/jcinit.list
	@mkdir -p $(dir $@)
	cp $< $@

$(JC_IMG): $(ROOT_PROGS) $(JC_GUEST) $(JC_GLIBC) $(JC_ROOT)/tests/jcinit \
		$(JC_ROOT)/tests/jcinit.list tests/mkimage
	tests/mkimage $@ 64M rootfs $(B)/root $(JC_ROOT)

.PHONY: test-jobctl jobctl-host
jobctl-host: $(JC_HOST)
test-jobctl: $(B)/kernel $(JC_IMG) $(JC_HOST)
	@tests/jobctl/run-jobctl $(B)/kernel $(JC_IMG) $(JC_DIR) tests/jobctl/jcinit.list 2 4

# Records the expected output of each static glibc program from Linux: the
# program's stdout, then "EXIT NAME STATUS", as run-jobctl compares them.
.PHONY: jobctl-expected
jobctl-expected:
	@mkdir -p $(JC_DIR)/record
	@for src in tests/jobctl/linux/*.c; do \
		n=$$(basename $$src .c); \
		gcc -O2 -Wall -Wextra -D_GNU_SOURCE -o $(JC_DIR)/record/$$n $$src || exit 1; \
		(cd $(JC_DIR)/record && timeout 60 ./$$n > $$n.out 2>/dev/null; \
		 st=$$?; [ $$st -gt 128 ] && st="signal $$((st - 128))"; \
		 echo "EXIT $$n $$st" >> $$n.out); \
		cp $(JC_DIR)/record/$$n.out tests/jobctl/linux/$$n.expected; \
		echo "recorded tests/jobctl/linux/$$n.expected"; \
	done
