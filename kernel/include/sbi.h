/* Calls into the SBI firmware (OpenSBI): timer, IPIs, harts, reset. */
#ifndef KERNEL_SBI_H
#define KERNEL_SBI_H

#include "types.h"

struct sbiret { long error; long value; };

struct sbiret sbi_call(long ext, long fid, long a0, long a1, long a2);
void sbi_console_putchar(int c);
void sbi_set_timer(uint64_t when);
void sbi_send_ipi(unsigned long hart_mask, unsigned long hart_base);
/* sfence.vma of everything on every hart; returns when all have done it. */
void sbi_remote_sfence_vma_all(void);
long sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque);
void sbi_shutdown(bool reboot) __attribute__((noreturn));

#endif
