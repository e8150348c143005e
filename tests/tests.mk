# make test: every suite prints lines "PASS name" or "FAIL name: why";
# tests/summarize counts them and ends with "N passed, N failed".
# Suites are listed in TEST_SUITES by the fragments of each part.
TEST_SUITES :=

.PHONY: test bench
test: deps
	@tests/run-suites $(TEST_SUITES)

# Each part's tests keep their own fragment beside them: tests/NAME/NAME.mk
# adds "TEST_SUITES += NAME" and defines the target test-NAME.
include $(sort $(wildcard tests/*/*.mk))
