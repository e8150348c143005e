/*
 * modestr.c - the mode column of ls -l, also shown by stat.  Shared by
 * the guest and host builds (userland/userland.mk).
 */
#include <sys/stat.h>

#include "modestr.h"

static char
type_letter(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return '-';
	case S_IFDIR: return 'd';
	case S_IFLNK: return 'l';
	case S_IFCHR: return 'c';
	case S_IFBLK: return 'b';
	case S_IFIFO: return 'p';
	case S_IFSOCK: return 's';
	}
	return '?';
}

/* An execute letter that also shows a special bit: lower case when x is set. */
static char
special_letter(mode_t mode, mode_t special, mode_t exec, char letter)
{
	if (mode & special)
		return (mode & exec) ? letter : letter - 'a' + 'A';
	return (mode & exec) ? 'x' : '-';
}

void
mode_string(mode_t mode, char out[MODE_STRING_SIZE])
{
	out[0] = type_letter(mode);
	out[1] = (mode & S_IRUSR) ? 'r' : '-';
	out[2] = (mode & S_IWUSR) ? 'w' : '-';
	out[3] = special_letter(mode, S_ISUID, S_IXUSR, 's');
	out[4] = (mode & S_IRGRP) ? 'r' : '-';
	out[5] = (mode & S_IWGRP) ? 'w' : '-';
	out[6] = special_letter(mode, S_ISGID, S_IXGRP, 's');
	out[7] = (mode & S_IROTH) ? 'r' : '-';
	out[8] = (mode & S_IWOTH) ? 'w' : '-';
	out[9] = special_letter(mode, S_ISVTX, S_IXOTH, 't');
	out[10] = '\0';
}
