/*
 * SBI calls (RISC-V Supervisor Binary Interface, v0.2+ extensions):
 * TIME for the timer, IPI, HSM to start harts, SRST to power off or reset,
 * RFENCE to flush every hart's TLB.
 */
#include "sbi.h"

#define SBI_EXT_LEGACY_PUTCHAR	0x01
#define SBI_EXT_TIME		0x54494D45
#define SBI_EXT_IPI		0x735049
#define SBI_EXT_HSM		0x48534D
#define SBI_EXT_SRST		0x53525354
#define SBI_EXT_RFENCE		0x52464E43
#define RFENCE_SFENCE_VMA	1
#define SRST_TYPE_SHUTDOWN	0
#define SRST_TYPE_COLD_REBOOT	1

struct sbiret sbi_call(long ext, long fid, long a0, long a1, long a2)
{
	register long r_a0 __asm__("a0") = a0;
	register long r_a1 __asm__("a1") = a1;
	register long r_a2 __asm__("a2") = a2;
	register long r_a6 __asm__("a6") = fid;
	register long r_a7 __asm__("a7") = ext;
	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a2), "r"(r_a6), "r"(r_a7)
			 : "memory");
	return (struct sbiret){ r_a0, r_a1 };
}

void sbi_remote_sfence_vma_all(void)
{
	/* hart_mask_base -1: every hart; start 0 and size 0: the whole TLB. */
	register long r_a0 __asm__("a0") = 0;
	register long r_a1 __asm__("a1") = -1;
	register long r_a2 __asm__("a2") = 0;
	register long r_a3 __asm__("a3") = 0;
	register long r_a6 __asm__("a6") = RFENCE_SFENCE_VMA;
	register long r_a7 __asm__("a7") = SBI_EXT_RFENCE;
	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a2), "r"(r_a3), "r"(r_a6), "r"(r_a7)
			 : "memory");
}

void sbi_console_putchar(int c)
{
	sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, c, 0, 0);
}

void sbi_set_timer(uint64_t when)
{
	sbi_call(SBI_EXT_TIME, 0, (long)when, 0, 0);
}

void sbi_send_ipi(unsigned long hart_mask, unsigned long hart_base)
{
	sbi_call(SBI_EXT_IPI, 0, (long)hart_mask, (long)hart_base, 0);
}

long sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque)
{
	return sbi_call(SBI_EXT_HSM, 0, (long)hartid, (long)start_pa, (long)opaque).error;
}

void sbi_shutdown(bool reboot)
{
	sbi_call(SBI_EXT_SRST, 0, reboot ? SRST_TYPE_COLD_REBOOT : SRST_TYPE_SHUTDOWN, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}
