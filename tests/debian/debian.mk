# Suite "debian": dynamically linked programs and Debian's own userland.
# tests/debian/run-debian boots a small image whose /lib is the cross
# toolchain's glibc (a PIE started directly and through ld.so, and the
# riscv_hwprobe checks), then one with Debian 13 riscv64 packages fetched
# by tests/debian/fetch (private apt setup and cache in build/debian/apt;
# without the mirror the cases print SKIP), comparing each case of
# tests/debian/cases with qemu-riscv64 on the host.
TEST_SUITES += debian

DEBIAN_CC       := riscv64-linux-gnu-gcc
DEBIAN_DYNROOT  := $(B)/debian/dynroot
DEBIAN_CROSSLIB := /usr/riscv64-linux-gnu/lib
DEBIAN_LIBS     := ld-linux-riscv64-lp64d.so.1 libc.so.6 libm.so.6
DEBIAN_TESTINIT := $(B)/guest/root/tests/testinit	# tests/guest/guest.mk builds it
DEBIAN_DYNFILES := $(DEBIAN_DYNROOT)/tests/debian/dynhello $(DEBIAN_DYNROOT)/tests/debian/hwprobe \
	$(addprefix $(DEBIAN_DYNROOT)/lib/,$(DEBIAN_LIBS))

$(DEBIAN_DYNROOT)/tests/debian/%: tests/debian/%.c
	@mkdir -p $(dir $@)
	$(DEBIAN_CC) -O2 -Wall -Wextra -o $@ $< -lm

$(DEBIAN_DYNROOT)/lib/%: $(DEBIAN_CROSSLIB)/%
	@mkdir -p $(dir $@)
	cp -L $< $@

.PHONY: test-debian
test-debian: $(B)/kernel $(DEBIAN_TESTINIT) $(DEBIAN_DYNFILES)
	@tests/debian/run-debian $(B) $(B)/kernel $(DEBIAN_TESTINIT)
