/*
 * kprofile.c - read /proc/profile and System.map, and put each sample in
 * the function it fell in (see kprofile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kprofile.h"

#define TEXT_START_SYMBOL "_kernel_start"
#define TEXT_END_SYMBOL "_etext"

static int is_text_type(char type)
{
	return type == 'T' || type == 't' || type == 'W' || type == 'w';
}

/* The text symbols of map in address order, and where the text starts
 * and ends. */
static int load_map(struct kprofile *kp, const char *map, char *err, size_t errlen)
{
	char line[256], name[256];
	unsigned long long addr;
	char type;
	size_t cap = 0;
	uint64_t end = 0;
	FILE *f = fopen(map, "r");

	if (!f) {
		snprintf(err, errlen, "%s: %s", map, strerror(errno));
		return -1;
	}
	kp->text_start = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3)
			continue;
		if (strcmp(name, TEXT_START_SYMBOL) == 0 || strcmp(name, "_stext") == 0) {
			if (!kp->text_start)
				kp->text_start = addr;
			continue;
		}
		if (strcmp(name, TEXT_END_SYMBOL) == 0) {
			end = addr;
			continue;
		}
		if (!is_text_type(type))
			continue;
		if (kp->nfns == cap) {
			cap = cap ? 2 * cap : 1024;
			struct kprof_fn *n = realloc(kp->fns, cap * sizeof(*n));
			if (!n) {
				fclose(f);
				snprintf(err, errlen, "%s: %s", map, strerror(ENOMEM));
				return -1;
			}
			kp->fns = n;
		}
		struct kprof_fn *fn = &kp->fns[kp->nfns++];
		memset(fn, 0, sizeof(*fn));
		fn->addr = addr;
		snprintf(fn->name, sizeof(fn->name), "%.63s", name);
	}
	fclose(f);
	if (!kp->text_start || !kp->nfns) {
		snprintf(err, errlen, "%s: no kernel text symbols (%s)", map, TEXT_START_SYMBOL);
		return -1;
	}
	if (!end || end < kp->fns[kp->nfns - 1].addr)
		end = kp->fns[kp->nfns - 1].addr;
	for (size_t i = 0; i < kp->nfns; i++)
		kp->fns[i].len = (i + 1 < kp->nfns ? kp->fns[i + 1].addr : end) - kp->fns[i].addr;
	kp->text_len = end - kp->fns[0].addr;
	return 0;
}

/* The whole profile file: step and counters. */
static uint32_t *load_profile(const char *profile, size_t *n, char *err, size_t errlen)
{
	size_t cap = 0, len = 0;
	uint32_t *buf = NULL;
	int fd = open(profile, O_RDONLY);

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", profile, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			uint32_t *nb = realloc(buf, cap * sizeof(*buf));
			if (!nb) {
				errno = ENOMEM;
				goto fail;
			}
			buf = nb;
		}
		ssize_t got = read(fd, (char *)buf + len * sizeof(*buf),
				   (cap - len) * sizeof(*buf));
		if (got < 0)
			goto fail;
		if (got == 0)
			break;
		len += (size_t)got / sizeof(*buf);
	}
	close(fd);
	if (len < 2 || buf[0] == 0) {
		free(buf);
		snprintf(err, errlen, "%s: not a kernel profile", profile);
		return NULL;
	}
	*n = len;
	return buf;
fail:
	snprintf(err, errlen, "%s: %s", profile, strerror(errno));
	free(buf);
	close(fd);
	return NULL;
}

int kprofile_load(struct kprofile *kp, const char *map, const char *profile, char *err,
		  size_t errlen)
{
	size_t n;

	memset(kp, 0, sizeof(*kp));
	if (load_map(kp, map, err, errlen))
		goto fail;
	uint32_t *buf = load_profile(profile, &n, err, errlen);
	if (!buf)
		goto fail;
	kp->step = buf[0];
	/* Counter i covers [text_start + i * step, + step): give it to the
	 * function holding its first byte (both lists are in address order). */
	size_t fn = 0;
	for (size_t i = 1; i < n; i++) {
		if (!buf[i])
			continue;
		uint64_t addr = kp->text_start + (uint64_t)(i - 1) * kp->step;
		kp->total += buf[i];
		while (fn + 1 < kp->nfns && kp->fns[fn + 1].addr <= addr)
			fn++;
		if (addr >= kp->fns[fn].addr)
			kp->fns[fn].ticks += buf[i];
	}
	free(buf);
	return 0;
fail:
	kprofile_free(kp);
	return -1;
}

void kprofile_free(struct kprofile *kp)
{
	free(kp->fns);
	kp->fns = NULL;
	kp->nfns = 0;
}

int kprofile_reset(const char *profile)
{
	uint32_t zero = 0;
	int fd = open(profile, O_WRONLY);

	if (fd < 0)
		return -1;
	ssize_t n = write(fd, &zero, sizeof(zero));
	int saved = errno;
	close(fd);
	errno = saved;
	return n == (ssize_t)sizeof(zero) ? 0 : -1;
}
