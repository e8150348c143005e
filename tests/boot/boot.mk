# Boot the kernel on several machine shapes and check what it reports.
TEST_SUITES += boot
test-boot: $(B)/kernel
	@tests/boot/run-boot $(B)/kernel
