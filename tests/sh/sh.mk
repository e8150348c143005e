# The shell's tests: scripts with expected output (posix/ ones also checked
# against dash), the parser's unit test, and the line editor, history and
# completion driven through a pty.
TEST_SUITES += sh

.PHONY: test-sh
test-sh: $(B)/host/bin/sh
	@tests/sh/run-scripts $(B)/host/bin/sh
