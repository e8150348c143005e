/*
 * execve: replace the calling process's image with an ELF64 program or a
 * "#!" script.  ET_EXEC programs go where they say, ET_DYN ones (PIE) at
 * ELF_ET_DYN_BASE; a PT_INTERP interpreter (ld.so) is mapped where mmap
 * would put it and started instead, finding the program through the
 * auxiliary vector (AT_PHDR, AT_ENTRY, AT_BASE).  The stack, the mmap
 * base, a PIE's base, brk and the vdso page move by random offsets
 * (aslr.h) unless randomize_va_space or the personality says not to.  Segments are mapped
 * private from the file and paged in on demand; the new stack gets argv,
 * envp and the auxiliary vector the Linux ABI describes.
 */
#include "proc.h"
#include "vm.h"
#include "file.h"
#include "vfs.h"
#include "signal.h"
#include "cred.h"
#include "kmalloc.h"
#include "string.h"
#include "uaccess.h"
#include "aslr.h"
#include "printk.h"
#include <linux/elf.h>
#include <linux/auxvec.h>
#include <linux/fcntl.h>
#include <linux/binfmts.h>
#include <linux/limits.h>
#include <linux/mount.h>
#include <linux/personality.h>

#define ARGS_MAX	(256 * 1024)	/* bytes of argument and environment strings */
#define MAX_ARGS	8192
/* ET_DYN programs (PIE, or ld.so run as a command) are loaded here plus
 * the random PIE offset: a quarter of the user half, leaving room below
 * MMAP_BASE for brk.  (Linux uses two thirds of TASK_SIZE, with its mmap
 * area growing down below the stack; ours grows up from MMAP_BASE.) */
#define ELF_ET_DYN_BASE	0x1000000000ul
#define ELF_MAX_PHNUM	64
#define MAX_INTERP_DEPTH 4
#define HWCAP_RV64GC	((1ul << ('I' - 'A')) | (1ul << ('M' - 'A')) | (1ul << ('A' - 'A')) | \
			 (1ul << ('F' - 'A')) | (1ul << ('D' - 'A')) | (1ul << ('C' - 'A')))

/* The argument and environment strings, copied out of the old image. */
struct exec_args {
	char *buf;		/* argc strings then envc strings, NUL-separated */
	size_t len;
	int argc, envc;
	char *filename;
};

static int args_push(struct exec_args *a, const char *s, size_t len)
{
	if (a->len + len + 1 > ARGS_MAX)
		return -E2BIG;
	memcpy(a->buf + a->len, s, len);
	a->buf[a->len + len] = 0;
	a->len += len + 1;
	return 0;
}

static int copy_strings(struct exec_args *a, const char *const __user *uv, int *count)
{
	*count = 0;
	if (!uv)
		return 0;
	for (;;) {
		const char *us;
		if (copy_from_user(&us, &uv[*count], sizeof(us)))
			return -EFAULT;
		if (!us)
			return 0;
		if (*count >= MAX_ARGS)
			return -E2BIG;
		long n = strncpy_from_user(a->buf + a->len, us, ARGS_MAX - a->len);
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return n;
		a->len += n + 1;
		(*count)++;
	}
}

/* Replace argv[0] with the interpreter words for a "#!" script. */
static int args_prepend_interp(struct exec_args *a, const char *interp, const char *arg,
			       const char *script)
{
	char *old = a->buf;
	size_t skip = a->argc ? strlen(old) + 1 : 0;
	char *nbuf = kmalloc(ARGS_MAX);
	if (!nbuf)
		return -ENOMEM;
	struct exec_args n = { nbuf, 0, 0, a->envc, a->filename };
	int err = args_push(&n, interp, strlen(interp));
	if (!err && arg)
		err = args_push(&n, arg, strlen(arg));
	if (!err)
		err = args_push(&n, script, strlen(script));
	if (!err && n.len + a->len - skip > ARGS_MAX)
		err = -E2BIG;
	if (err) {
		kfree(nbuf);
		return err;
	}
	memcpy(nbuf + n.len, old + skip, a->len - skip);
	n.len += a->len - skip;
	n.argc = (arg ? 3 : 2) + (a->argc ? a->argc - 1 : 0);
	kfree(old);
	*a = n;
	return 0;
}

static struct file *open_exec(const char *name)
{
	struct path p;
	int err = kern_path(name, LOOKUP_FOLLOW, &p);
	if (err)
		return ERR_PTR(err);
	struct inode *in = p.dentry->inode;
	if (!S_ISREG(in->mode) || (p.mnt->flags & MS_NOEXEC))
		err = -EACCES;
	else
		err = vfs_permission(in, MAY_EXEC | MAY_READ);
	struct file *f = err ? ERR_PTR(err) : vfs_open(&p, O_RDONLY);
	path_put(&p);
	return f;
}

/* Where a program and its interpreter ended up. */
struct loaded {
	unsigned long entry;		/* where the new image starts: the interpreter's if any */
	unsigned long prog_entry;	/* the program's own entry, for AT_ENTRY */
	unsigned long phdr, phnum;	/* the program's headers, for AT_PHDR/AT_PHNUM */
	unsigned long brk;		/* end of the program's highest segment */
	unsigned long base;		/* the interpreter's load bias, for AT_BASE */
};

/* One ELF file being mapped: its header and program headers. */
struct elf_file {
	struct file *file;
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
};

static int elf_read_headers(struct file *f, const Elf64_Ehdr *eh, struct elf_file *ef)
{
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_RISCV ||
	    (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) ||
	    eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM)
		return -ENOEXEC;
	size_t phsize = eh->e_phnum * sizeof(Elf64_Phdr);
	ef->file = f;
	ef->eh = *eh;
	ef->ph = kmalloc(phsize);
	if (!ef->ph)
		return -ENOMEM;
	off_t pos = eh->e_phoff;
	if (kernel_read(f, ef->ph, phsize, &pos) != (ssize_t)phsize) {
		kfree(ef->ph);
		ef->ph = NULL;
		return -ENOEXEC;
	}
	return 0;
}

/* The page-aligned span [lo, hi) of the PT_LOAD segments, and their largest alignment. */
static int elf_span(const struct elf_file *ef, unsigned long *lo, unsigned long *hi,
		    unsigned long *align)
{
	*lo = ~0ul;
	*hi = 0;
	*align = PAGE_SIZE;
	for (int i = 0; i < ef->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &ef->ph[i];
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		if (p->p_vaddr + p->p_memsz < p->p_vaddr)
			return -ENOEXEC;
		if (ALIGN_DOWN(p->p_vaddr, PAGE_SIZE) < *lo)
			*lo = ALIGN_DOWN(p->p_vaddr, PAGE_SIZE);
		if (ALIGN_UP(p->p_vaddr + p->p_memsz, PAGE_SIZE) > *hi)
			*hi = ALIGN_UP(p->p_vaddr + p->p_memsz, PAGE_SIZE);
		if (p->p_align > *align && !(p->p_align & (p->p_align - 1)))
			*align = p->p_align;
	}
	return *hi ? 0 : -ENOEXEC;
}

static unsigned int segment_flags(const Elf64_Phdr *p)
{
	unsigned int flags = (p->p_flags & PF_R ? VM_READ : 0) |
			     (p->p_flags & PF_W ? VM_WRITE : 0) |
			     (p->p_flags & PF_X ? VM_EXEC : 0);
	if ((flags & VM_WRITE) && (flags & VM_EXEC))
		flags &= ~VM_EXEC;	/* W^X */
	return flags;
}

/*
 * Map every PT_LOAD segment of ef at bias; each must end below limit.
 * Fills entry, phdr, phnum and brk (the end of the highest segment).
 */
static int elf_map(struct mm *mm, const struct elf_file *ef, unsigned long bias,
		   unsigned long limit, struct loaded *out)
{
	const Elf64_Ehdr *eh = &ef->eh;
	size_t phsize = eh->e_phnum * sizeof(Elf64_Phdr);
	unsigned long end = 0;
	out->phdr = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ef->ph[i];
		if (p->p_type == PT_PHDR)
			out->phdr = p->p_vaddr + bias;
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		unsigned long va = p->p_vaddr + bias;
		if (p->p_filesz > p->p_memsz || va < PAGE_SIZE || va + p->p_memsz >= limit ||
		    (va & (PAGE_SIZE - 1)) != (p->p_offset & (PAGE_SIZE - 1)))
			return -ENOEXEC;
		unsigned long start = ALIGN_DOWN(va, PAGE_SIZE);
		unsigned long mend = ALIGN_UP(va + p->p_memsz, PAGE_SIZE);
		off_t off = p->p_offset - (va - start);
		int err = vma_map(mm, start, mend - start, segment_flags(p), ef->file, off,
				  va - start + p->p_filesz);
		if (err)
			return err;
		if (!out->phdr && p->p_offset <= eh->e_phoff &&
		    eh->e_phoff + phsize <= p->p_offset + p->p_filesz)
			out->phdr = va + (eh->e_phoff - p->p_offset);
		if (mend > end)
			end = mend;
	}
	out->entry = eh->e_entry + bias;
	out->phnum = eh->e_phnum;
	out->brk = end;
	return 0;
}

/* The PT_INTERP path of ef, a kmalloc'd string; NULL with 0 when there is none. */
static int elf_interp_path(const struct elf_file *ef, char **path)
{
	*path = NULL;
	for (int i = 0; i < ef->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &ef->ph[i];
		if (p->p_type != PT_INTERP)
			continue;
		if (p->p_filesz < 2 || p->p_filesz > PATH_MAX)
			return -ENOEXEC;
		char *s = kmalloc(p->p_filesz);
		if (!s)
			return -ENOMEM;
		off_t pos = p->p_offset;
		if (kernel_read(ef->file, s, p->p_filesz, &pos) != (ssize_t)p->p_filesz ||
		    s[p->p_filesz - 1] != 0) {
			kfree(s);
			return -ENOEXEC;
		}
		*path = s;
		return 0;
	}
	return 0;
}

/*
 * Map the interpreter (ld.so, an ET_DYN itself) where mmap would put a
 * block its size, as Linux does; its entry becomes the image's entry and
 * its bias AT_BASE.
 */
static int load_interp(struct mm *mm, const char *path, struct loaded *ld)
{
	Elf64_Ehdr eh;
	struct elf_file ef = { 0 };
	struct file *f = open_exec(path);
	if (IS_ERR(f))
		return PTR_ERR(f);
	off_t pos = 0;
	int err = kernel_read(f, &eh, sizeof(eh), &pos) == sizeof(eh) &&
		  memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 ? 0 : -ELIBBAD;
	if (!err)
		err = elf_read_headers(f, &eh, &ef);
	if (err)
		goto out_file;
	unsigned long lo, hi, align, bias = 0;
	if ((err = elf_span(&ef, &lo, &hi, &align)))
		goto out_ph;
	if (eh.e_type == ET_DYN) {
		unsigned long at = vma_find_free(mm, hi - lo + align, 0);
		if (!at) {
			err = -ENOMEM;
			goto out_ph;
		}
		bias = ALIGN_UP(at, align) - lo;
	}
	struct loaded il = { 0 };
	err = elf_map(mm, &ef, bias, mm->stack_top - STACK_SIZE - STACK_GUARD, &il);
	ld->entry = il.entry;
	ld->base = bias;
out_ph:
	kfree(ef.ph);
out_file:
	file_put(f);
	return err;
}

/* Map the program (ET_DYN ones at ELF_ET_DYN_BASE plus pie_offset) and
 * its interpreter, if it names one. */
static int load_elf(struct mm *mm, struct file *f, const Elf64_Ehdr *eh,
		    unsigned long pie_offset, struct loaded *out)
{
	struct elf_file ef;
	int err = elf_read_headers(f, eh, &ef);
	if (err)
		return err;
	char *interp = NULL;
	unsigned long lo, hi, align, bias = 0;
	if ((err = elf_span(&ef, &lo, &hi, &align)) || (err = elf_interp_path(&ef, &interp)))
		goto out;
	if (eh->e_type == ET_DYN)
		bias = ALIGN_UP(ELF_ET_DYN_BASE + pie_offset, align) - lo;
	if ((err = elf_map(mm, &ef, bias, MMAP_BASE, out)))
		goto out;
	out->prog_entry = out->entry;
	out->base = 0;
	if (interp)
		err = load_interp(mm, interp, out);
out:
	kfree(interp);
	kfree(ef.ph);
	return err;
}

/* Lay out the new stack: strings at the top, then auxv, envp, argv, argc. */
static int setup_stack(struct mm *mm, struct exec_args *a, struct loaded *ld,
		       const struct cred *c, bool secure, const uint8_t *at_random,
		       unsigned long *sp_out)
{
	int err = vma_map(mm, mm->stack_top - STACK_SIZE, STACK_SIZE,
			  VM_READ | VM_WRITE | VM_STACK, NULL, 0, 0);
	if (err)
		return err;
	unsigned long sp = mm->stack_top;
	sp -= ALIGN_UP(a->len, 16);
	unsigned long strings = sp;
	if ((err = mm_populate_copy(mm, strings, a->buf, a->len)))
		return err;
	const char *execfn_k = a->filename;
	size_t fnlen = strlen(execfn_k) + 1;
	sp -= ALIGN_UP(fnlen, 16);
	unsigned long execfn = sp;
	if ((err = mm_populate_copy(mm, execfn, execfn_k, fnlen)))
		return err;
	sp -= 16;
	unsigned long random = sp;
	if ((err = mm_populate_copy(mm, random, at_random, 16)))
		return err;

	unsigned long auxv[] = {
		AT_PHDR, ld->phdr, AT_PHENT, sizeof(Elf64_Phdr), AT_PHNUM, ld->phnum,
		AT_PAGESZ, PAGE_SIZE, AT_BASE, ld->base, AT_FLAGS, 0, AT_ENTRY, ld->prog_entry,
		AT_UID, from_kuid_munged(c->user_ns, c->uid),
		AT_EUID, from_kuid_munged(c->user_ns, c->euid),
		AT_GID, from_kgid_munged(c->user_ns, c->gid),
		AT_EGID, from_kgid_munged(c->user_ns, c->egid),
		AT_SECURE, secure, AT_RANDOM, random, AT_HWCAP, HWCAP_RV64GC, AT_CLKTCK, HZ,
		AT_EXECFN, execfn, AT_NULL, 0,
	};
	size_t nptrs = 1 + a->argc + 1 + a->envc + 1;
	size_t total = nptrs * sizeof(unsigned long) + sizeof(auxv);
	sp = ALIGN_DOWN(sp - total, 16);
	unsigned long *vec = kmalloc(total);
	if (!vec)
		return -ENOMEM;
	size_t i = 0;
	unsigned long s = strings;
	vec[i++] = a->argc;
	for (int k = 0; k < a->argc + a->envc; k++) {
		vec[i++] = s;
		s += strlen(a->buf + (s - strings)) + 1;
		if (k == a->argc - 1)
			vec[i++] = 0;
	}
	if (a->argc == 0)
		vec[i++] = 0;
	vec[i++] = 0;
	memcpy(&vec[i], auxv, sizeof(auxv));
	err = mm_populate_copy(mm, sp, vec, total);
	kfree(vec);
	mm->arg_start = strings;
	mm->arg_end = strings;
	for (int k = 0; k < a->argc; k++)
		mm->arg_end += strlen(a->buf + (mm->arg_end - strings)) + 1;
	mm->env_start = mm->arg_end;
	mm->env_end = strings + a->len;
	*sp_out = sp;
	return err;
}

/* Read the interpreter line of a script: 0 with interp/arg filled. */
static int parse_shebang(char *hdr, size_t n, char **interp, char **arg)
{
	char *end = NULL;
	for (size_t i = 0; i < n; i++)
		if (hdr[i] == '\n') {
			end = hdr + i;
			break;
		}
	if (!end)
		end = hdr + n;
	*end = 0;
	char *p = hdr + 2;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -ENOEXEC;
	*interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	*arg = NULL;
	if (*p) {
		*p++ = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p) {
			*arg = p;
			char *q = p + strlen(p);
			while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
				*--q = 0;
		}
	}
	return 0;
}

static void close_on_exec(struct files_struct *files)
{
	spin_lock(&files->lock);
	for (unsigned int fd = 0; fd < files->max; fd++) {
		if (!(files->cloexec[fd / 64] & (1ull << (fd % 64))) || !files->fds[fd])
			continue;
		struct file *f = files->fds[fd];
		files->fds[fd] = NULL;
		fd_freed(files, fd);
		files->cloexec[fd / 64] &= ~(1ull << (fd % 64));
		spin_unlock(&files->lock);
		filp_close(f, files);
		spin_lock(&files->lock);
	}
	spin_unlock(&files->lock);
}

static void flush_signal_handlers(struct task *t)
{
	struct sighand *sh = t->sighand;
	spin_lock(&sh->lock);
	for (int i = 0; i < _NSIG; i++) {
		if (sh->action[i].handler != (unsigned long)SIG_IGN)
			sh->action[i].handler = (unsigned long)SIG_DFL;
		sh->action[i].flags = 0;
		sh->action[i].mask = 0;
	}
	spin_unlock(&sh->lock);
}

static int do_execve_args(struct exec_args *a)
{
	char *hdr = kmalloc(BINPRM_BUF_SIZE);
	if (!hdr)
		return -ENOMEM;
	int err;
	struct file *f = NULL;
	for (int depth = 0;; depth++) {
		f = open_exec(a->filename);
		if (IS_ERR(f)) {
			err = PTR_ERR(f);
			goto out;
		}
		off_t pos = 0;
		ssize_t n = kernel_read(f, hdr, BINPRM_BUF_SIZE - 1, &pos);
		if (n < 0) {
			err = n;
			goto out_file;
		}
		if (n >= 2 && hdr[0] == '#' && hdr[1] == '!') {
			char *interp, *arg;
			if (depth >= MAX_INTERP_DEPTH) {
				err = -ELOOP;
				goto out_file;
			}
			hdr[n] = 0;
			if ((err = parse_shebang(hdr, n, &interp, &arg)))
				goto out_file;
			if ((err = args_prepend_interp(a, interp, arg, a->filename)))
				goto out_file;
			char *fn = kstrndup(interp, 4096);
			if (!fn) {
				err = -ENOMEM;
				goto out_file;
			}
			kfree(a->filename);
			a->filename = fn;
			file_put(f);
			continue;
		}
		if (n < (ssize_t)sizeof(Elf64_Ehdr) || memcmp(hdr, ELFMAG, SELFMAG) != 0) {
			err = -ENOEXEC;
			goto out_file;
		}
		break;
	}

	bool secure;
	struct cred *nc = prepare_exec_creds(f, &secure);
	if (IS_ERR(nc)) {
		err = PTR_ERR(nc);
		goto out_file;
	}
	struct mm *mm = mm_create();
	if (!mm) {
		put_cred(nc);
		err = -ENOMEM;
		goto out_file;
	}
	/* A set-id program forgets what its caller's personality asked
	 * (ADDR_NO_RANDOMIZE among it), as Linux's PER_CLEAR_ON_SETID. */
	unsigned int persona = current->personality;
	if (secure)
		persona &= ~PER_CLEAR_ON_SETID;
	struct aslr_offsets rnd;
	aslr_draw(&rnd, persona);
	struct loaded ld = { 0 };
	unsigned long sp;
	mutex_lock(&mm->lock);
	mm->stack_top = STACK_TOP - rnd.stack;
	mm->mmap_base = MMAP_BASE + rnd.mmap;
	err = mm_map_vdso(mm, mm->stack_top);
	if (!err)
		err = load_elf(mm, f, (Elf64_Ehdr *)hdr, rnd.pie, &ld);
	if (!err)
		err = setup_stack(mm, a, &ld, nc, secure, rnd.at_random, &sp);
	mm->brk_start = mm->brk = ld.brk + rnd.brk;
	mm->exe_file = file_get(f);
	mutex_unlock(&mm->lock);
	if (err) {
		put_cred(nc);
		mm_put(mm);
		goto out_file;
	}

	/* The point of no return: the old image goes. */
	struct task *t = current;
	struct mm *old = t->mm;
	spin_lock(&tasklist_lock);	/* see do_exit */
	t->mm = mm;
	spin_unlock(&tasklist_lock);
	switch_mm(mm);
	if (old)
		mm_put(old);
	vfork_release(t);
	/* Exec'd before the close-on-exec descriptors go: a parent woken by
	 * their closing must find setpgid refused (EACCES), as on Linux. */
	WRITE_ONCE(t->exec_done, true);
	close_on_exec(t->files);
	flush_signal_handlers(t);
	const char *base = a->filename;
	for (const char *p = a->filename; *p; p++)
		if (*p == '/')
			base = p + 1;
	strlcpy(t->comm, base, sizeof(t->comm));
	/* A set-id program is not dumpable (its memory may hold what its
	 * caller must not see) and forgets the parent-death signal. */
	commit_creds(nc);
	t->personality = persona;
	t->signal->undumpable = secure;
	if (secure)
		t->pdeath_signal = 0;
	t->clear_child_tid = NULL;
	struct trapframe *tf = t->tf;
	memset(tf, 0, sizeof(*tf));
	t->regs_replaced = true;
	tf->epc = ld.entry;
	tf->sp = sp;
	/* SIE clear: trap_return must not take an interrupt between setting
	 * sscratch and sret (the frame would be overwritten). */
	tf->status = (csr_read(sstatus) & ~(SSTATUS_SPP | SSTATUS_FS | SSTATUS_SUM | SSTATUS_SIE)) |
		     SSTATUS_SPIE | SSTATUS_FS_INITIAL;
	memset(&t->fp, 0, sizeof(t->fp));
	err = 0;
out_file:
	file_put(f);
out:
	kfree(hdr);
	return err;
}

int kernel_execve(const char *path, const char *const argv[], const char *const envp[])
{
	struct exec_args a = { kmalloc(ARGS_MAX), 0, 0, 0, kstrndup(path, 4096) };
	int err = -ENOMEM;
	if (a.buf && a.filename) {
		err = 0;
		for (; argv[a.argc] && !err; a.argc++)
			err = args_push(&a, argv[a.argc], strlen(argv[a.argc]));
		for (; envp[a.envc] && !err; a.envc++)
			err = args_push(&a, envp[a.envc], strlen(envp[a.envc]));
		if (!err)
			err = do_execve_args(&a);
	}
	kfree(a.buf);
	kfree(a.filename);
	return err;
}

long sys_execve(const char __user *upath, const char *const __user *uargv,
		const char *const __user *uenvp)
{
	struct exec_args a = { kmalloc(ARGS_MAX), 0, 0, 0, NULL };
	if (!a.buf)
		return -ENOMEM;
	char *name = getname(upath);
	long err = IS_ERR(name) ? PTR_ERR(name) : 0;
	if (!err) {
		a.filename = name;
		err = copy_strings(&a, uargv, &a.argc);
	}
	if (!err)
		err = copy_strings(&a, uenvp, &a.envc);
	if (!err)
		err = do_execve_args(&a);
	kfree(a.buf);
	if (a.filename)
		kfree(a.filename);
	return err;
}
