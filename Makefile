# Top-level build of the system.  Each part keeps its own fragment:
#
#   libc/libc.mk          build/libc/{crt0.o,libc.a}; USER_CC, USER_CFLAGS,
#                         USER_LDFLAGS and USER_LDLIBS for guest programs
#   kernel/kernel.mk      build/kernel
#   userland/userland.mk  guest programs into build/root, host builds into
#                         build/host/bin
#   tests/tests.mk        make test, make bench
#
# The root image build/rootfs.img is rootfs/ plus the guest programs, packed
# with mke2fs.  Nothing outside build/ is ever written by the build.

B        := build
QEMU     := qemu-system-riscv64
SMP      ?= 2
MEM      ?= 256M
IMG_SIZE ?= 64M
APPEND   ?= root=/dev/vda

HOSTCC     := cc
HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra

# The machine every run uses: qemu virt, OpenSBI, virtio-mmio version 2.
QEMU_MACHINE = -machine virt -bios default -smp $(SMP) -m $(MEM) -nographic \
	-global virtio-mmio.force-legacy=false \
	-device virtio-rng-device

.PHONY: all run deps host clean
all: $(B)/kernel $(B)/rootfs.img

include libc/libc.mk
include kernel/kernel.mk
include userland/userland.mk
include tests/tests.mk

# Root image: rootfs/ overlaid with the programs, then packed.
$(B)/rootfs.img: $(ROOT_PROGS) $(shell find rootfs -type f 2>/dev/null) tests/mkimage
	tests/mkimage $@ $(IMG_SIZE) rootfs $(B)/root

# The second terminal of make run: a virtio console (/dev/hvc0 in the guest)
# whose other end is a Unix socket under build/ (no port to clash, nothing
# reachable from elsewhere).  qemu listens without waiting; what the guest
# writes there while nobody is attached is dropped.
HVC_SOCK  := $(B)/hvc0.sock
QEMU_HVC   = -device virtio-serial-device \
	-chardev socket,id=hvc0,path=$(HVC_SOCK),server=on,wait=off \
	-device virtconsole,chardev=hvc0

# The network of make run: qemu's user network, restricted (the guest
# reaches nothing outside qemu), the guest's port 80 forwarded from a free
# port of the host's 127.0.0.1 (HTTP_PORT= picks one); ip= gives eth0
# its address and default route at boot (net/ipconfig.c).
NET_APPEND := ip=10.0.2.15::10.0.2.2:255.255.255.0::eth0:off
QEMU_NET    = -netdev user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$$port-:80 \
	-device virtio-net-device,netdev=n0
FREE_PORT  := python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'

run: deps all
	@echo "second terminal (/dev/hvc0): socat -,raw,echo=0 UNIX-CONNECT:$(HVC_SOCK)"
	@port=$${HTTP_PORT:-$$($(FREE_PORT))}; \
	echo "port 80 of the guest is http://127.0.0.1:$$port/"; \
	$(QEMU) $(QEMU_MACHINE) -kernel $(B)/kernel -append "$(APPEND) $(NET_APPEND)" \
		-drive file=$(B)/rootfs.img,format=raw,if=none,id=vda \
		-device virtio-blk-device,drive=vda $(QEMU_HVC) $(QEMU_NET)

deps:
	@.ci/install-deps

clean:
	rm -rf $(B)

# (build/debian holds an unpacked Debian tree: none of its *.d are ours)
-include $(shell find $(B) -path $(B)/debian -prune -o -name '*.d' -print 2>/dev/null)
