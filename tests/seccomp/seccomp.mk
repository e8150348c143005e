# Suite seccomp: the kernel's classic BPF checker and interpreter for
# seccomp filters (kernel/security/seccomp_bpf.c, pure C over the UAPI
# headers) built for the host with sanitizers and driven by bpf_test.c.
TEST_SUITES += seccomp

SECCOMP_TEST_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

$(B)/tests/seccomp/bpf_test: tests/seccomp/bpf_test.c kernel/security/seccomp_bpf.c \
		kernel/include/seccomp_bpf.h tests/check.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O1 -g -Wall -Wextra $(SECCOMP_TEST_SAN) -iquote kernel/include \
		-o $@ tests/seccomp/bpf_test.c kernel/security/seccomp_bpf.c

.PHONY: test-seccomp
test-seccomp: $(B)/tests/seccomp/bpf_test
	@$(B)/tests/seccomp/bpf_test
