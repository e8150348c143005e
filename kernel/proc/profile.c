/*
 * The sampling profiler (see profile.h): a histogram of the kernel text
 * filled from the timer interrupt.  prof_buffer is allocated once at boot
 * and never freed; its counters are updated with relaxed atomic adds.
 */
#include "profile.h"
#include "boot.h"
#include "kmalloc.h"
#include "mm.h"
#include "fs.h"
#include "string.h"
#include "printk.h"
#include "sections.h"

#define PROFILE_MAX_SHIFT 16

static uint32_t *prof_buffer;	/* prof_len counters */
static size_t prof_len;
static unsigned int prof_shift;
static uint64_t prof_user_samples;

void profile_init(void)
{
	char arg[16];
	if (!cmdline_get("profile", arg, sizeof(arg)))
		return;
	unsigned int shift = 0;
	const char *p = arg;
	if (*p < '0' || *p > '9')
		goto bad;
	for (; *p >= '0' && *p <= '9'; p++)
		shift = shift * 10 + (*p - '0');
	if (*p || shift > PROFILE_MAX_SHIFT)
		goto bad;
	size_t text = (size_t)(_etext - _kernel_start);
	size_t len = (text >> shift) + 1;
	uint32_t *buf = kzalloc(len * sizeof(*buf));
	if (!buf) {
		printk("kernel: profile: no memory for %zu counters\n", len);
		return;
	}
	prof_shift = shift;
	prof_len = len;
	__atomic_store_n(&prof_buffer, buf, __ATOMIC_RELEASE);
	printk("kernel: profiling enabled (shift: %u)\n", shift);
	return;
bad:
	printk("kernel: profile=%s: not a shift from 0 to %d\n", arg, PROFILE_MAX_SHIFT);
}

bool profile_enabled(void)
{
	return __atomic_load_n(&prof_buffer, __ATOMIC_ACQUIRE) != NULL;
}

void profile_tick(unsigned long pc, bool from_user)
{
	uint32_t *buf = __atomic_load_n(&prof_buffer, __ATOMIC_ACQUIRE);
	if (!buf)
		return;
	if (from_user) {
		__atomic_add_fetch(&prof_user_samples, 1, __ATOMIC_RELAXED);
		return;
	}
	/* A PC outside the text (it cannot be, but as Linux) counts in the
	 * last bucket. */
	size_t i = (pc - (unsigned long)_kernel_start) >> prof_shift;
	if (pc < (unsigned long)_kernel_start || i >= prof_len)
		i = prof_len - 1;
	__atomic_add_fetch(&buf[i], 1, __ATOMIC_RELAXED);
}

size_t profile_size(void)
{
	return profile_enabled() ? (prof_len + 1) * sizeof(uint32_t) : 0;
}

/* The file is the sample step (bytes a counter covers) and the counters. */
ssize_t profile_read(void *buf, size_t len, off_t *pos, bool user)
{
	size_t size = profile_size();
	if (*pos < 0)
		return -EINVAL;
	if ((size_t)*pos >= size)
		return 0;
	size_t n = MIN(len, size - (size_t)*pos), done = 0;
	/* The step word, then the counters straight from the histogram (a
	 * counter being added to reads as before or after, never torn). */
	if ((size_t)*pos < sizeof(uint32_t)) {
		uint32_t step = 1u << prof_shift;
		done = MIN(sizeof(step) - (size_t)*pos, n);
		if (copy_out(buf, (char *)&step + *pos, done, user))
			return -EFAULT;
	}
	if (done < n && copy_out((char *)buf + done,
				 (char *)prof_buffer + (size_t)*pos + done - sizeof(uint32_t),
				 n - done, user))
		return done ? (ssize_t)done : -EFAULT;
	*pos += n;
	return n;
}

void profile_reset(void)
{
	for (size_t i = 0; i < prof_len; i++)
		__atomic_store_n(&prof_buffer[i], 0, __ATOMIC_RELAXED);
	__atomic_store_n(&prof_user_samples, 0, __ATOMIC_RELAXED);
}
