# Suite "linux": static glibc programs (riscv64-linux-gnu-gcc -static)
# must print byte for byte what they print on Linux.  tests/linux/run-linux
# runs each under qemu-riscv64 on the host (the Linux oracle), boots our
# kernel once with /tests/linuxinit (a copy of the guest suite's testinit
# reading linuxinit.list), and compares.
TEST_SUITES += linux

LINUX_CC    := riscv64-linux-gnu-gcc
LINUX_DIR   := $(B)/linux
LINUX_ROOT  := $(LINUX_DIR)/root
LINUX_IMG   := $(LINUX_DIR)/test.img
LINUX_PROGS := $(patsubst tests/linux/%.c,$(LINUX_ROOT)/tests/linux/%,$(wildcard tests/linux/*.c))

$(LINUX_ROOT)/tests/linux/%: tests/linux/%.c
	@mkdir -p $(dir $@)
	$(LINUX_CC) -static -O2 -Wall -Wextra -o $@ $<

$(LINUX_ROOT)/tests/linuxinit: $(GUEST_ROOT)/tests/testinit
	@mkdir -p $(dir $@)
	cp $< $@

$(LINUX_ROOT)/tests/linuxinit.list: tests/linux/linuxinit.list
	@mkdir -p $(dir $@)
	cp $< $@

$(LINUX_IMG): $(ROOT_PROGS) $(LINUX_PROGS) $(LINUX_ROOT)/tests/linuxinit \
		$(LINUX_ROOT)/tests/linuxinit.list tests/mkimage
	tests/mkimage $@ 64M rootfs $(B)/root $(LINUX_ROOT)

.PHONY: test-linux
test-linux: $(B)/kernel $(LINUX_IMG)
	@tests/linux/run-linux $(B)/kernel $(LINUX_IMG) $(LINUX_ROOT)/tests/linux \
		tests/linux/linuxinit.list
