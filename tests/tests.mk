# make test: every suite prints lines "PASS name" or "FAIL name: why";
# tests/summarize counts them and ends with "N passed, N failed".
# Suites are listed in TEST_SUITES by the fragments of each part.
TEST_SUITES :=

.PHONY: test bench
test: deps
	@tests/run-suites $(TEST_SUITES)
