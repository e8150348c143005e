# Suite "guest": test programs built with our libc, packed with the root
# programs into build/test-rootfs.img under /tests, and run inside our
# kernel by tests/guest/testinit (PID 1) in the order of testinit.list.
# tests/guest/run-guest boots the image with -smp 2 and -smp 4 and ends
# with e2fsck on each image used.
TEST_SUITES += guest

GUEST_DIR   := $(B)/guest
GUEST_ROOT  := $(GUEST_DIR)/root
GUEST_IMG   := $(B)/test-rootfs.img
GUEST_HDRS  := $(wildcard tests/guest/*.h)
GUEST_PROGS := $(patsubst tests/guest/%.c,$(GUEST_ROOT)/tests/%,$(wildcard tests/guest/*.c))
GUEST_FILES := $(GUEST_ROOT)/tests/testinit.list $(GUEST_ROOT)/tests/utils-run.sh \
	$(GUEST_ROOT)/tests/isolate.sh $(GUEST_ROOT)/tests/profile.sh $(GUEST_ROOT)/tests/nszap.sh \
	$(GUEST_ROOT)/tests/utils-text.sh $(GUEST_ROOT)/tests/observe.sh $(GUEST_ROOT)/tests/kmemleak.sh \
	$(GUEST_ROOT)/tests/utils.sh $(GUEST_ROOT)/tests/isolate-memcg.sh $(GUEST_ROOT)/tests/fcaps.sh \
	$(GUEST_ROOT)/tests/isolate-freeze.sh \
	$(GUEST_ROOT)/tests/ip.sh \
	$(GUEST_ROOT)/tests/libctest \
	$(GUEST_ROOT)/tests/legacyinit $(GUEST_ROOT)/tests/legacyinit.list

# A few programs also run built static with glibc (under /tests/glibc/):
# the kernel must answer glibc's own ways (fstatat for fstat, its realpath,
# ttyname and sysconf) as Linux does.
GUEST_GLIBC := $(patsubst %,$(GUEST_ROOT)/tests/glibc/%,nprocs procfd prctl mmabi users locks utsns pidns mntns userns procfiles sysvipc threads netns nsfs caps seccomp mqueue psem unix observe events aslr ssp memcg fcaps unlinked maps wx sched inet tcp ipfrag ether rtnl forward)

$(GUEST_ROOT)/tests/glibc/%: tests/guest/%.c $(GUEST_HDRS) tests/check.h
	@mkdir -p $(dir $@)
	$(LINUX_CC) -static -O2 -Wall -Wextra -o $@ $<

$(GUEST_ROOT)/tests/%: tests/guest/%.c $(GUEST_HDRS) tests/check.h $(LIBC_DEPS) $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

# mmabi, procfd, users, locks, utsns, userns, sysvipc and nsfs also run natively on the
# host, where Linux is the oracle for their assertions (qemu-riscv64's user
# mode gets MAP_FIXED_NOREPLACE and mremap wrong, so it cannot be).
GUEST_HOST := $(B)/host/tests/mmabi $(B)/host/tests/procfd $(B)/host/tests/users \
	$(B)/host/tests/locks $(B)/host/tests/utsns $(B)/host/tests/pidns $(B)/host/tests/mntns $(B)/host/tests/userns \
	$(B)/host/tests/procfiles $(B)/host/tests/threads $(B)/host/tests/netns \
	$(B)/host/tests/sysvipc $(B)/host/tests/nsfs \
	$(B)/host/tests/caps $(B)/host/tests/seccomp \
	$(B)/host/tests/mqueue $(B)/host/tests/psem $(B)/host/tests/unix $(B)/host/tests/observe $(B)/host/tests/events \
	$(B)/host/tests/aslr $(B)/host/tests/ssp $(B)/host/tests/memcg \
	$(B)/host/tests/fcaps $(B)/host/tests/unlinked $(B)/host/tests/maps $(B)/host/tests/wx \
	$(B)/host/tests/sched $(B)/host/tests/inet $(B)/host/tests/tcp \
	$(B)/host/tests/ipfrag $(B)/host/tests/rtnl $(B)/host/tests/forward
# copyalign: user copies at every relative alignment (memcpy, __copy_user).
GUEST_GLIBC += $(GUEST_ROOT)/tests/glibc/copyalign
GUEST_HOST += $(B)/host/tests/copyalign
# bridge: three namespaces on one bridge (net/bridge.c).
GUEST_GLIBC += $(GUEST_ROOT)/tests/glibc/bridge
GUEST_HOST += $(B)/host/tests/bridge
# tcpcc: congestion control and SACK over a lossy veth pair (net/tcp.c).
GUEST_GLIBC += $(GUEST_ROOT)/tests/glibc/tcpcc
GUEST_HOST += $(B)/host/tests/tcpcc
# sockmem: socket buffers charged to the memory cgroup (net/sock_mem.c).
GUEST_GLIBC += $(GUEST_ROOT)/tests/glibc/sockmem
GUEST_HOST += $(B)/host/tests/sockmem
# copyrange: sendfile, copy_file_range and fadvise64 (fs/read_write.c).
GUEST_GLIBC += $(GUEST_ROOT)/tests/glibc/copyrange
GUEST_HOST += $(B)/host/tests/copyrange
$(B)/host/tests/%: tests/guest/%.c $(GUEST_HDRS) tests/check.h
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -o $@ $<

# memcg uses <cgroup.h>: natively and with glibc, with libc's plain-POSIX
# cgroup.c.
$(GUEST_ROOT)/tests/glibc/memcg: tests/guest/memcg.c $(GUEST_HDRS) tests/check.h libc/src/cgroup.c libc/include/cgroup.h
	@mkdir -p $(dir $@)
	$(LINUX_CC) -static -O2 -Wall -Wextra -iquote libc/include -o $@ $< libc/src/cgroup.c
$(B)/host/tests/memcg: tests/guest/memcg.c $(GUEST_HDRS) tests/check.h libc/src/cgroup.c libc/include/cgroup.h
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -iquote libc/include -o $@ $< libc/src/cgroup.c

# mntns runs a copy of itself after pivot_root into a tmpfs: static.
$(B)/host/tests/mntns: tests/guest/mntns.c $(GUEST_HDRS) tests/check.h
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -Wall -Wextra -o $@ $<

$(GUEST_ROOT)/tests/testinit.list: tests/guest/testinit.list
	@mkdir -p $(dir $@)
	cp $< $@

# tests/boot boots the image with init=/tests/legacyinit: testinit reading
# legacyinit.list.
$(GUEST_ROOT)/tests/legacyinit: $(GUEST_ROOT)/tests/testinit
	cp $< $@

$(GUEST_ROOT)/tests/legacyinit.list: tests/guest/legacyinit.list
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/isolate.sh: tests/guest/isolate.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/isolate-memcg.sh: tests/guest/isolate-memcg.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/isolate-freeze.sh: tests/guest/isolate-freeze.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/profile.sh: tests/guest/profile.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/nszap.sh: tests/guest/nszap.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/observe.sh: tests/guest/observe.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/kmemleak.sh: tests/guest/kmemleak.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/utils.sh: tests/guest/utils.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/fcaps.sh: tests/guest/fcaps.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/ip.sh: tests/guest/ip.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/utils-run.sh: tests/utils/run.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/utils-text.sh: tests/utils/text.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_ROOT)/tests/libctest: $(B)/tests/libc/libctest
	@mkdir -p $(dir $@)
	cp $< $@

# The network tools' shell test, run under netns-lo (a network namespace
# with its loopback up).
GUEST_FILES += $(GUEST_ROOT)/tests/nettools.sh
$(GUEST_ROOT)/tests/nettools.sh: tests/guest/nettools.sh
	@mkdir -p $(dir $@)
	cp $< $@

$(GUEST_IMG): $(ROOT_PROGS) $(GUEST_PROGS) $(GUEST_GLIBC) $(GUEST_FILES) tests/mkimage \
		$(shell find rootfs -type f 2>/dev/null)
	tests/mkimage $@ 128M rootfs $(B)/root $(GUEST_ROOT)

.PHONY: test-guest guest-image
guest-image: $(GUEST_IMG)
test-guest: $(B)/kernel $(GUEST_IMG) $(GUEST_HOST)
	@for t in $(GUEST_HOST); do \
		d=$$(mktemp -d) && chmod 755 $$d && mkdir $$d/disk $$d/tmp && \
		T_DISK=$$d/disk T_TMP=$$d/tmp $$t | sed 's/^\(PASS\|FAIL\) /\1 host-linux-/'; \
		rm -rf "$$d"; \
	done
	@GUEST_APPEND='kmemleak=on slab_debug' tests/guest/run-guest $(B)/kernel $(GUEST_IMG) 2 4
