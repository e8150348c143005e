# Suite ext2: the kernel's ext2 and block cache built for the host with
# sanitizers, driven on mke2fs images, judged by e2fsck -fn and debugfs.
TEST_SUITES += ext2

EXT2_TEST_SRCS := $(wildcard kernel/fs/ext2/*.c) kernel/fs/bcache.c \
	tests/ext2/shim.c tests/ext2/ext2_test.c
EXT2_TEST_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
EXT2_TEST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -fno-builtin $(EXT2_TEST_SAN) \
	-Ikernel/include -Ikernel/fs/ext2 -Itests/ext2

# host.c sees only the host's headers; everything else only the kernel's.
$(B)/tests/ext2/ext2_test: $(EXT2_TEST_SRCS) tests/ext2/host.c $(wildcard kernel/fs/ext2/*.h) \
		$(wildcard kernel/include/*.h) tests/ext2/host.h tests/ext2/shim.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O1 -g -Wall -Wextra $(EXT2_TEST_SAN) -c -o $@-host.o tests/ext2/host.c
	$(HOSTCC) $(EXT2_TEST_CFLAGS) -o $@ $(EXT2_TEST_SRCS) $@-host.o

.PHONY: test-ext2
test-ext2: $(B)/tests/ext2/ext2_test
	@tests/ext2/run.sh $(B)/tests/ext2/ext2_test $(B)/tests/ext2
