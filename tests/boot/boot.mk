# Boot the kernel on several machine shapes and check what it reports.  The
# legacy-transport boot uses the guest suite's image; its name is spelled
# out here because tests/guest/guest.mk, which names it GUEST_IMG, is read
# after this file (a prerequisite is expanded as the file is read).
TEST_SUITES += boot
test-boot: $(B)/kernel $(B)/test-rootfs.img
	@tests/boot/run-boot $(B)/kernel $(B)/test-rootfs.img
