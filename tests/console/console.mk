# Console scenarios: a host script types at the guest's serial console.
TEST_SUITES += console
test-console: $(B)/kernel $(B)/rootfs.img
	@cd tests/console && python3 scenario_basic.py ../../$(B)/kernel ../../$(B)/rootfs.img
	@cd tests/console && python3 scenario_jobs.py ../../$(B)/kernel ../../$(B)/rootfs.img
