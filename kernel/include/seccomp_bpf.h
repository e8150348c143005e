/*
 * Classic BPF for seccomp: the checker and the interpreter of the programs
 * seccomp filters are (security/seccomp_bpf.c).  Pure code over the UAPI
 * types only, with no kernel header, so tests/seccomp also builds it on the
 * host and runs it under sanitizers.
 *
 * seccomp_bpf_check(prog, len, scratch): is prog[0..len) a program seccomp
 * accepts (1) or not (0)?  scratch: len words the check may use.
 * As Linux: 1 to BPF_MAXINSNS instructions, each of the opcodes seccomp
 * allows (no packet loads, no MOD, no extensions); absolute loads only of
 * whole aligned 32-bit words inside struct seccomp_data; scratch memory
 * indices below BPF_MEMWORDS, and no scratch word read on any path before
 * it is written; no division by a constant 0, no shift by a constant of 32
 * or more; jumps forward only and inside the program; the last
 * instruction a return.
 *
 * seccomp_bpf_run(prog, d): the program's return value over d.  prog must
 * have passed the check (the run then always ends at a return, in at most
 * len steps).  A division by X = 0 ends it returning 0, as Linux does.
 */
#ifndef KERNEL_SECCOMP_BPF_H
#define KERNEL_SECCOMP_BPF_H

#include <linux/filter.h>
#include <linux/seccomp.h>

int seccomp_bpf_check(const struct sock_filter *prog, unsigned int len, __u16 *scratch);
__u32 seccomp_bpf_run(const struct sock_filter *prog, const struct seccomp_data *d);

#endif
