/*
 * kallsyms: the kernel's text symbols, for naming a backtrace's addresses
 * (lib/kallsyms.c).  The tables are generated from the kernel's own
 * `nm -n` by lib/kallsyms.awk and linked in (kernel.mk links twice); they
 * are read-only.
 */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include "types.h"

/* The generated tables: kallsyms_num symbols in address order, the
 * offset of each one's name in kallsyms_names. */
extern const unsigned long kallsyms_num;
extern const unsigned long kallsyms_addresses[];
extern const uint32_t kallsyms_offsets[];
extern const char kallsyms_names[];

/* The text symbol containing addr: its name, with *offset and *size set,
 * or NULL when addr is not in the kernel's text. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);

#endif
