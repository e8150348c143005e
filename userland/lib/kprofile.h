/*
 * kprofile: the kernel's /proc/profile histogram joined to the symbols of
 * /boot/System.map (readprofile and kprof).
 *
 * /proc/profile is a 32-bit sample step (bytes of kernel text per
 * counter) and then one 32-bit counter per step of text, the first
 * counting from the kernel's first address (_kernel_start here, _stext on
 * Linux).  System.map is `nm -n` output: "ADDRESS TYPE NAME" sorted by
 * address.
 */
#ifndef USERLAND_KPROFILE_H
#define USERLAND_KPROFILE_H

#include <stddef.h>
#include <stdint.h>

struct kprof_fn {
	uint64_t addr;		/* where the function starts */
	uint64_t len;		/* bytes up to the next text symbol */
	unsigned long ticks;	/* samples that fell in it */
	char name[64];
};

struct kprofile {
	uint32_t step;			/* bytes per counter */
	uint64_t text_start;		/* of counter 0 */
	struct kprof_fn *fns;		/* text symbols in address order */
	size_t nfns;
	unsigned long total;		/* every sample */
	uint64_t text_len;		/* from the first to the last symbol */
};

/* Read both files; 0, or -1 with a message in err (size errlen). */
int kprofile_load(struct kprofile *kp, const char *map, const char *profile, char *err,
		  size_t errlen);
void kprofile_free(struct kprofile *kp);
/* Clear the kernel's counters (a write to the profile file). */
int kprofile_reset(const char *profile);

#endif
