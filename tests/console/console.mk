# Console scenarios: a host script types at the guest's serial console (and,
# in scenario_hvc.py, at the virtio console on a Unix socket too).
TEST_SUITES += console
test-console: $(B)/kernel $(B)/rootfs.img
	@cd tests/console && python3 scenario_basic.py ../../$(B)/kernel ../../$(B)/rootfs.img
	@cd tests/console && python3 scenario_jobs.py ../../$(B)/kernel ../../$(B)/rootfs.img
	@cd tests/console && python3 scenario_hvc.py ../../$(B)/kernel ../../$(B)/rootfs.img
	@cd tests/console && python3 scenario_login.py ../../$(B)/kernel ../../$(B)/rootfs.img
	@cd tests/console && python3 scenario_isolate.py ../../$(B)/kernel ../../$(B)/rootfs.img
	@cd tests/console && python3 scenario_net.py ../../$(B)/kernel ../../$(B)/rootfs.img

# The second terminal alone: the virtio console, with an inittab that keeps
# a shell on it, over the modern and the legacy transport.
.PHONY: test-hvc
test-hvc: $(B)/kernel $(B)/rootfs.img
	@cd tests/console && python3 scenario_hvc.py ../../$(B)/kernel ../../$(B)/rootfs.img

# Two people at two terminals: logins, su, passwd, who and last.
.PHONY: test-login-console
test-login-console: $(B)/kernel $(B)/rootfs.img
	@cd tests/console && python3 scenario_login.py ../../$(B)/kernel ../../$(B)/rootfs.img

# alice's containers at the console: limits, ^Z, a refusal explained.
.PHONY: test-isolate-console
test-isolate-console: $(B)/kernel $(B)/rootfs.img
	@cd tests/console && python3 scenario_isolate.py ../../$(B)/kernel ../../$(B)/rootfs.img

# alice's container on the network: ip addr and ping inside, and a server
# published from inside answering this machine through qemu's forwarded
# 127.0.0.1 port.
.PHONY: test-net-console
test-net-console: $(B)/kernel $(B)/rootfs.img
	@cd tests/console && python3 scenario_net.py ../../$(B)/kernel ../../$(B)/rootfs.img
