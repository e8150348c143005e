/*
 * procfs: /proc/PID/maps (and task/TID/maps), the process's mappings in
 * Linux's format, one line each in address order:
 *
 *   start-end perms offset major:minor inode   name
 *
 * perms are r, w, x or '-', then s (shared) or p (private); a file
 * mapping shows its offset, its file system's device, its inode number
 * and its path; an anonymous one zeros and no name, except the break's
 * area ([heap]), the stack ([stack]) and the page of the signal return
 * trampoline, which is what Linux's riscv calls its vDSO ([vdso]).
 *
 * Readable as Linux's: by the process itself and whoever may look into its
 * memory (proc_may_access, the ptrace read rule); others get EACCES when
 * they open it.  The lines are written under the mm's lock into the
 * open file's text buffer (a snapshot: a very large map is cut short).
 */
#include "internal.h"
#include "vm.h"
#include "mm.h"
#include "string.h"
#include "kmalloc.h"

/* Linux pads the fixed part of a line with spaces to this width, then
 * puts one more before a name. */
#define MAPS_PAD_WIDTH		(25 + (int)sizeof(void *) * 6 - 1)
#define MAPS_LINE_MAX		(MAPS_PAD_WIDTH + 2)
#define MAPS_NAME_MAX		256

/* One line; name is NUL-terminated, "" for none. */
static void show_line(struct textbuf *tb, unsigned long start, unsigned long end,
		      unsigned int flags, unsigned long off, dev_t dev, unsigned long ino,
		      const char *name)
{
	char line[MAPS_LINE_MAX];
	int n = snprintf(line, sizeof(line), "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", start,
			 end, flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
			 flags & VM_EXEC ? 'x' : '-', flags & VM_SHARED ? 's' : 'p', off,
			 MAJOR(dev), MINOR(dev), ino);
	if (n < 0 || n >= (int)sizeof(line) - 1)
		return;
	if (*name) {
		while (n < MAPS_PAD_WIDTH)
			line[n++] = ' ';
		line[n++] = ' ';
		line[n] = 0;
	}
	tb_printf(tb, "%s%s\n", line, name);
}

/* v's name into buf (NUL-terminated): its file's path, or what Linux
 * calls its kind of memory, or "". */
static void vma_name(struct mm *mm, struct vma *v, char *buf, size_t len)
{
	buf[0] = 0;
	if (v->file) {
		ssize_t n = proc_file_name(v->file, buf, len - 1);
		buf[n > 0 ? n : 0] = 0;
	} else if (v->flags & VM_STACK) {
		strlcpy(buf, "[stack]", len);
	} else if (v->start <= mm->brk && v->end >= mm->brk_start) {
		strlcpy(buf, "[heap]", len);
	}
}

static void show_vma(struct textbuf *tb, struct mm *mm, struct vma *v, char *name)
{
	dev_t dev = 0;
	unsigned long ino = 0, off = 0;
	if (v->file) {
		dev = v->file->inode->sb->dev;
		ino = v->file->inode->ino;
		off = v->file_off;
	}
	vma_name(mm, v, name, MAPS_NAME_MAX);
	show_line(tb, v->start, v->end, v->flags, off, dev, ino, name);
}

/* The signal return trampoline's page (mm_map_vdso): not a vma. */
static void show_vdso(struct textbuf *tb, struct mm *mm)
{
	show_line(tb, mm->vdso_base, mm->vdso_base + PAGE_SIZE, VM_READ | VM_EXEC, 0, 0, 0,
		  "[vdso]");
}

int proc_show_maps(struct textbuf *tb, struct task *t, struct inode *in)
{
	if (!proc_may_access(t))
		return -EACCES;
	struct mm *mm = task_mm_get(t);
	if (!mm)
		return 0;	/* a zombie or a kernel thread: empty, as Linux */
	char *name = kmalloc(MAPS_NAME_MAX);
	if (!name) {
		mm_put(mm);
		return -ENOMEM;
	}
	bool vdso_shown = false;
	mutex_lock(&mm->lock);
	struct vma *v;
	list_for_each_entry(v, &mm->vmas, link) {
		if (!vdso_shown && mm->vdso_base < v->start) {
			show_vdso(tb, mm);
			vdso_shown = true;
		}
		show_vma(tb, mm, v, name);
	}
	if (!vdso_shown)
		show_vdso(tb, mm);
	mutex_unlock(&mm->lock);
	kfree(name);
	mm_put(mm);
	return 0;
}
