/*
 * procinfo: the /proc readers ps, top and free share (procinfo.h).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procinfo.h"

#define PIDS_FIRST_CAP 256

ssize_t
proc_read_file(const char *path, char *buf, size_t size)
{
	ssize_t n, total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1 && (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

int
proc_parse_stat(const char *text, struct proc_stat *p)
{
	const char *open_paren = strchr(text, '('), *close_paren = strrchr(text, ')');
	size_t len;
	int n;

	if (open_paren == NULL || close_paren == NULL || close_paren < open_paren)
		return -1;
	p->pid = atoi(text);
	len = close_paren - open_paren - 1;
	if (len >= PROC_COMM_MAX)
		len = PROC_COMM_MAX - 1;
	memcpy(p->comm, open_paren + 1, len);
	p->comm[len] = '\0';
	n = sscanf(close_paren + 2,
	    "%c %d %d %d %d %d %*u %*u %*u %*u %*u %llu %llu %*d %*d %ld %ld %d %*d %llu %llu %llu",
	    &p->state, &p->ppid, &p->pgrp, &p->session, &p->tty_nr, &p->tpgid,
	    &p->utime, &p->stime, &p->priority, &p->nice, &p->threads, &p->starttime,
	    &p->vsize, &p->rss);
	return n == 14 ? 0 : -1;
}

int
proc_read_stat(int pid, struct proc_stat *p)
{
	char path[64], buf[1024];

	snprintf(path, sizeof(path), PROC_ROOT "/%d/stat", pid);
	if (proc_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	if (proc_parse_stat(buf, p) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

unsigned
proc_parse_euid(const char *status)
{
	const char *line = strstr(status, "\nUid:");
	unsigned real, effective;

	if (line && sscanf(line + 5, "%u %u", &real, &effective) == 2)
		return effective;
	return 0;
}

static int
compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int *
proc_list_pids(size_t *count)
{
	DIR *dir = opendir(PROC_ROOT);
	struct dirent *de;
	int *pids = NULL, *more;
	size_t n = 0, cap = 0;

	if (dir == NULL)
		return NULL;
	while ((de = readdir(dir)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : PIDS_FIRST_CAP;
			more = realloc(pids, cap * sizeof(*pids));
			if (more == NULL) {
				free(pids);
				closedir(dir);
				return NULL;
			}
			pids = more;
		}
		pids[n++] = atoi(de->d_name);
	}
	closedir(dir);
	if (pids == NULL && (pids = malloc(sizeof(*pids))) == NULL)
		return NULL;
	qsort(pids, n, sizeof(*pids), compare_ints);
	*count = n;
	return pids;
}

int
proc_read_meminfo(struct mem_info *m)
{
	char key[64];
	unsigned long long value;
	FILE *f = fopen(PROC_ROOT "/meminfo", "r");

	if (f == NULL)
		return -1;
	memset(m, 0, sizeof(*m));
	while (fscanf(f, "%63s %llu%*[^\n]", key, &value) == 2) {
		if (strcmp(key, "MemTotal:") == 0) m->total = value;
		else if (strcmp(key, "MemFree:") == 0) m->free = value;
		else if (strcmp(key, "MemAvailable:") == 0) {
			m->available = value;
			m->has_available = 1;
		}
		else if (strcmp(key, "Buffers:") == 0) m->buffers = value;
		else if (strcmp(key, "Cached:") == 0) m->cached = value;
		else if (strcmp(key, "SReclaimable:") == 0) m->reclaimable = value;
		else if (strcmp(key, "Shmem:") == 0) m->shmem = value;
		else if (strcmp(key, "SwapTotal:") == 0) m->swap_total = value;
		else if (strcmp(key, "SwapFree:") == 0) m->swap_free = value;
	}
	fclose(f);
	return 0;
}

int
proc_read_cpu_times(struct cpu_times *c)
{
	char buf[512];

	memset(c, 0, sizeof(*c));
	if (proc_read_file(PROC_ROOT "/stat", buf, sizeof(buf)) < 0)
		return -1;
	/* Older kernels stop after idle or iowait: four fields suffice. */
	if (sscanf(buf, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &c->user, &c->nice,
		   &c->system, &c->idle, &c->iowait, &c->irq, &c->softirq, &c->steal) < 4) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
proc_read_uptime(double *seconds)
{
	char buf[128];

	if (proc_read_file(PROC_ROOT "/uptime", buf, sizeof(buf)) < 0)
		return -1;
	if (sscanf(buf, "%lf", seconds) != 1) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
proc_read_loadavg(double load[3])
{
	char buf[128];

	if (proc_read_file(PROC_ROOT "/loadavg", buf, sizeof(buf)) < 0)
		return -1;
	if (sscanf(buf, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}
