# libc: picolibc turned into a C library for static Linux riscv64 programs.
# See libc/README.  Products:
#   build/libc/crt0.o   program entry (_start)
#   build/libc/libc.a   our layer: system calls and the POSIX parts picolibc
#                       lacks; linked before picolibc's libc.a so that our
#                       definitions win
#   libc/user.ld        the static program layout

USER_CC      := riscv64-unknown-elf-gcc
USER_AR      := riscv64-unknown-elf-ar
PICOLIBC     := /usr/lib/picolibc/riscv64-unknown-elf
PICOLIBC_LIB := $(PICOLIBC)/lib/rv64imafdc/lp64d
USER_GCC_INC := $(shell $(USER_CC) -print-file-name=include)
USER_GCC_FIX := $(shell $(USER_CC) -print-file-name=include-fixed)

# The kernel's UAPI headers (linux/, asm/, asm-generic/ from Debian's
# linux-libc-dev-riscv64-cross) are searched last, so programs include
# <linux/capability.h>, <linux/seccomp.h>, ... exactly as on a Linux host.
# Only those three folders are exposed, never glibc's own headers.
UAPI_INCLUDE := /usr/riscv64-linux-gnu/include
USER_UAPI    := $(B)/libc/uapi

# -fstack-protector-strong: a canary in every function with an array or
# an address-taken local (libc/src/ssp.c, set from AT_RANDOM).
# -fPIE and -static-pie: every program is a static PIE, loaded by the
# kernel at a random base and relocated by crt0.S (see user.ld).
USER_CFLAGS  := -march=rv64gc -mabi=lp64d -O2 -g -Wall -Wextra -std=gnu11 -fPIE \
	-ffunction-sections -fdata-sections -ftls-model=local-exec -fstack-protector-strong \
	-nostdinc -isystem libc/include -isystem $(PICOLIBC)/include \
	-isystem $(USER_GCC_INC) -isystem $(USER_GCC_FIX) -isystem $(USER_UAPI)
# The bare-metal ld cannot make a PIE ("-pie not supported"), so the link
# goes through Debian's riscv64-linux-gnu-ld (same binutils), run by
# libc/static-pie-ld, found as $(USER_LD_DIR)/ld by gcc's -B (it marks the
# PIE ET_DYN, see there); gcc's -static-pie spec is Linux's only, so
# the flags are spelled out: -static -pie --no-dynamic-linker (no
# PT_INTERP), user.ver (nothing exported, so only relative relocations).
# Not -z text: ld 2.40 reserves a dynamic relocation for each local-exec
# TLS access (errno) in a PIE and then writes R_RISCV_NONE in its place, so
# it takes the text for relocated; crt0.S skips those.
USER_LD_DIR  := $(B)/libc/ld
USER_LDFLAGS := -march=rv64gc -mabi=lp64d -nostdlib -B$(USER_LD_DIR)/ -static \
	-Wl,-pie,--no-dynamic-linker,--version-script=libc/user.ver -Wl,--gc-sections \
	-T libc/user.ld $(B)/libc/crt0.o
# Our libc.a is loaded whole: otherwise, once picolibc's malloc.o is pulled
# in, ld would take sbrk (and the like) from picolibc's own archive.  Every
# function sits in its own section, so --gc-sections drops what is unused.
USER_LDLIBS  := -Wl,--whole-archive $(B)/libc/libc.a -Wl,--no-whole-archive \
	-Wl,--start-group $(PICOLIBC_LIB)/libc.a -lgcc -Wl,--end-group

# The files under libc/include, plus the stamp of the UAPI link folder so
# that anything compiled against libc waits for it, and this file: a change
# of USER_CFLAGS (-fPIE) must rebuild every object.
LIBC_HEADERS := $(shell find libc/include -name '*.h') $(USER_UAPI)/.stamp libc/libc.mk
LIBC_SRCS    := $(wildcard libc/src/*.c) \
	$(filter-out libc/src/crt0.S,$(wildcard libc/src/*.S))
LIBC_OBJS    := $(patsubst libc/src/%,$(B)/libc/%.o,$(basename $(LIBC_SRCS)))
LIBC_DEPS    := $(B)/libc/crt0.o $(B)/libc/libc.a libc/user.ld libc/user.ver $(USER_LD_DIR)/ld

.PHONY: libc
libc: $(LIBC_DEPS)

$(USER_UAPI)/.stamp:
	@mkdir -p $(USER_UAPI)
	@for d in linux asm asm-generic; do \
		ln -sfn $(UAPI_INCLUDE)/$$d $(USER_UAPI)/$$d; done
	@touch $@

$(USER_LD_DIR)/ld: libc/static-pie-ld
	@mkdir -p $(dir $@)
	ln -sfn $(CURDIR)/libc/static-pie-ld $@

$(B)/libc/crt0.o: libc/src/crt0.S $(USER_UAPI)/.stamp libc/libc.mk
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -c -o $@ $<

$(B)/libc/%.o: libc/src/%.S libc/libc.mk
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -c -o $@ $<

$(B)/libc/%.o: libc/src/%.c $(LIBC_HEADERS) libc/src/syscall.h
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -D_GNU_SOURCE -fno-builtin -c -o $@ $<

$(B)/libc/libc.a: $(LIBC_OBJS)
	@rm -f $@
	$(USER_AR) rcs $@ $^
