# Boot the kernel on several machine shapes and check what it reports.
TEST_SUITES += boot
test-boot: $(B)/kernel $(GUEST_IMG)
	@tests/boot/run-boot $(B)/kernel $(GUEST_IMG)
