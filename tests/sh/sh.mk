# The shell's tests: scripts with expected output (posix/ ones also checked
# against dash), and the line editor, history, completion and job control
# driven through a pty (keys in, screen out).
TEST_SUITES += sh

.PHONY: test-sh
test-sh: $(B)/host/bin/sh
	@tests/sh/run-scripts $(B)/host/bin/sh
	@python3 tests/sh/pty_test.py $(B)/host/bin/sh
