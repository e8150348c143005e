# The kernel: freestanding C for rv64 (no FP in kernel code: user FP state
# is saved and restored explicitly), linked high (see kernel/kernel.ld).
KCC      := riscv64-unknown-elf-gcc
# A canary per task: tp is the current task in the kernel (trap.S), so GCC
# reads the canary at tp + struct task's stack_canary offset.
TASK_STACK_CANARY := $(shell sed -n 's/^\#define TASK_STACK_CANARY[ \t]*\([0-9]*\).*/\1/p' \
	kernel/include/trap_offsets.h)
KSTACK_PROTECTOR := -fstack-protector-strong -mstack-protector-guard=tls \
	-mstack-protector-guard-reg=tp -mstack-protector-guard-offset=$(TASK_STACK_CANARY)
KCFLAGS  := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -ffreestanding \
	-fno-common -fno-builtin-printf -nostdinc -march=rv64imac_zicsr_zifencei -mabi=lp64 \
	-mcmodel=medany -mno-relax $(KSTACK_PROTECTOR) \
	-Ikernel/include -isystem $(shell $(KCC) -print-file-name=include) \
	-isystem /usr/riscv64-linux-gnu/include
KSRCS    := $(shell find kernel -name '*.c' -not -path 'kernel/*/test*' 2>/dev/null) \
	$(shell find kernel -name '*.S' 2>/dev/null)
KOBJS    := $(patsubst kernel/%,$(B)/kobj/%.o,$(KSRCS)) $(B)/kobj/syscall_names.o

# build/kernel is the flat image OpenSBI jumps to (like Linux's Image);
# build/kernel.elf has the symbols, for gdb.
$(B)/kernel: $(B)/kernel.elf
	riscv64-unknown-elf-objcopy -O binary $< $@
#
# The kernel carries its own text symbols (kallsyms, for a panic's
# backtrace), so it is linked twice: first with an empty table, whose
# `nm -n` gives the table; then with it.  The table lies in .rodata, after
# all text, so no text symbol moves between the two links (checked).
KLINK    = $(KCC) -march=rv64imac -mabi=lp64 -nostdlib -static -T kernel/kernel.ld \
	-Wl,--no-warn-rwx-segments
$(B)/kernel.elf: $(KOBJS) kernel/kernel.ld kernel/lib/kallsyms.awk
	awk -f kernel/lib/kallsyms.awk /dev/null > $(B)/kobj/kallsyms0.S
	$(KCC) $(KCFLAGS) -D__ASSEMBLY__ -c -o $(B)/kobj/kallsyms0.o $(B)/kobj/kallsyms0.S
	$(KLINK) -o $@.1 $(KOBJS) $(B)/kobj/kallsyms0.o -lgcc
	riscv64-unknown-elf-nm -n $@.1 | awk -f kernel/lib/kallsyms.awk > $(B)/kobj/kallsyms.S
	$(KCC) $(KCFLAGS) -D__ASSEMBLY__ -c -o $(B)/kobj/kallsyms.o $(B)/kobj/kallsyms.S
	$(KLINK) -o $@ $(KOBJS) $(B)/kobj/kallsyms.o -lgcc
	@riscv64-unknown-elf-nm -n $@.1 | grep ' [tT] ' > $@.1.text
	@riscv64-unknown-elf-nm -n $@ | grep ' [tT] ' | cmp -s - $@.1.text || \
		{ echo "kallsyms: text symbols moved between the two links" >&2; rm -f $@; exit 1; }
	@rm -f $@.1 $@.1.text

$(B)/kobj/%.c.o: kernel/%.c
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) -MMD -c -o $@ $<
$(B)/kobj/%.S.o: kernel/%.S
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) -D__ASSEMBLY__ -MMD -c -o $@ $<

# Names of the system calls, for the "not implemented" log line: generated
# from the UAPI header's __NR_ list (each guarded, so only the numbers this
# architecture defines are used).
UNISTD_H := /usr/riscv64-linux-gnu/include/asm-generic/unistd.h
$(B)/kobj/syscall_names.c: $(UNISTD_H) kernel/kernel.mk
	@mkdir -p $(dir $@)
	@{ echo '/* Generated from $(UNISTD_H). */'; \
	  echo '#include <asm/unistd.h>'; \
	  echo 'const char *const syscall_names[512] = {'; \
	  grep -o '__NR_[a-z0-9_]*' $< | sort -u | grep -v '^__NR_syscalls$$' | \
	    sed 's/__NR_\(.*\)/#ifdef __NR_\1\n[__NR_\1] = "\1",\n#endif/'; \
	  echo '};'; } > $@
$(B)/kobj/syscall_names.o: $(B)/kobj/syscall_names.c
	$(KCC) $(KCFLAGS) -c -o $@ $<

# /boot/System.map in the images: the kernel's symbols, for readprofile and
# kprof (Linux's name and `nm -n` layout).
$(B)/root/boot/System.map: $(B)/kernel.elf
	@mkdir -p $(dir $@)
	riscv64-unknown-elf-nm -n $< > $@
