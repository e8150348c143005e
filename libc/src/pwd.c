/*
 * pwd.c - /etc/passwd, /etc/group and /etc/shadow.  Each database is a
 * text file of ':'-separated fields, one entry per line; a line is parsed
 * in place into a static buffer (the _r variants use the caller's).
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <shadow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWD_FILE "/etc/passwd"
#define GROUP_FILE  "/etc/group"
#define SHADOW_FILE "/etc/shadow"
#define LINE_MAX_LEN 1024
#define GROUP_MAX_MEMBERS 256

/* Splits line at ':' into at most n fields; returns the number found. */
static int split_fields(char *line, char **field, int n)
{
	int i = 0;

	line[strcspn(line, "\n")] = '\0';
	field[i++] = line;
	while (i < n && (line = strchr(line, ':')) != 0) {
		*line++ = '\0';
		field[i++] = line;
	}
	return i;
}

static long parse_number(const char *s, long empty)
{
	char *end;
	long v;

	if (!*s)
		return empty;
	v = strtol(s, &end, 10);
	return *end ? -2 : v;
}

static int parse_passwd(char *line, struct passwd *pw)
{
	char *f[7];

	if (split_fields(line, f, 7) != 7)
		return -1;
	pw->pw_name = f[0];
	pw->pw_passwd = f[1];
	pw->pw_uid = (uid_t)parse_number(f[2], -2);
	pw->pw_gid = (gid_t)parse_number(f[3], -2);
	pw->pw_gecos = f[4];
	pw->pw_dir = f[5];
	pw->pw_shell = f[6];
	return 0;
}

/* Members are stored as a NULL-terminated array after the line text. */
static int parse_group(char *line, struct group *gr, char **members,
		       size_t max_members)
{
	char *f[4], *m;
	size_t n = 0;

	if (split_fields(line, f, 4) != 4)
		return -1;
	gr->gr_name = f[0];
	gr->gr_passwd = f[1];
	gr->gr_gid = (gid_t)parse_number(f[2], -2);
	for (m = strtok(f[3], ","); m && n + 1 < max_members;
	     m = strtok(0, ","))
		members[n++] = m;
	members[n] = 0;
	gr->gr_mem = members;
	return 0;
}

static int parse_shadow(char *line, struct spwd *sp)
{
	char *f[9];

	if (split_fields(line, f, 9) != 9)
		return -1;
	sp->sp_namp = f[0];
	sp->sp_pwdp = f[1];
	sp->sp_lstchg = parse_number(f[2], -1);
	sp->sp_min = parse_number(f[3], -1);
	sp->sp_max = parse_number(f[4], -1);
	sp->sp_warn = parse_number(f[5], -1);
	sp->sp_inact = parse_number(f[6], -1);
	sp->sp_expire = parse_number(f[7], -1);
	sp->sp_flag = (unsigned long)parse_number(f[8], -1);
	return 0;
}

/* ---- passwd ---- */

static FILE *pw_file;
static char pw_line[LINE_MAX_LEN];
static struct passwd pw_entry;

struct passwd *fgetpwent(FILE *f)
{
	while (fgets(pw_line, sizeof(pw_line), f))
		if (parse_passwd(pw_line, &pw_entry) == 0)
			return &pw_entry;
	return 0;
}

void setpwent(void)
{
	if (pw_file)
		rewind(pw_file);
}

void endpwent(void)
{
	if (pw_file)
		fclose(pw_file);
	pw_file = 0;
}

struct passwd *getpwent(void)
{
	if (!pw_file)
		pw_file = fopen(PASSWD_FILE, "re");
	return pw_file ? fgetpwent(pw_file) : 0;
}

/* Looks up by name (if name) or uid into the caller's buffers. */
static int find_passwd(const char *name, uid_t uid, struct passwd *pw,
		       char *buf, size_t len, struct passwd **result)
{
	FILE *f = fopen(PASSWD_FILE, "re");
	int saved = errno;

	*result = 0;
	if (!f)
		return errno == ENOENT ? 0 : errno;
	while (fgets(buf, (int)len, f)) {
		if (!strchr(buf, '\n') && !feof(f)) {
			fclose(f);
			return ERANGE;
		}
		if (parse_passwd(buf, pw) < 0)
			continue;
		if (name ? strcmp(pw->pw_name, name) == 0 : pw->pw_uid == uid) {
			*result = pw;
			break;
		}
	}
	fclose(f);
	errno = saved;
	return 0;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len,
	       struct passwd **result)
{
	return find_passwd(name, 0, pw, buf, len, result);
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len,
	       struct passwd **result)
{
	return find_passwd(0, uid, pw, buf, len, result);
}

struct passwd *getpwnam(const char *name)
{
	struct passwd *r;
	int e = getpwnam_r(name, &pw_entry, pw_line, sizeof(pw_line), &r);

	if (e)
		errno = e;
	return r;
}

struct passwd *getpwuid(uid_t uid)
{
	struct passwd *r;
	int e = getpwuid_r(uid, &pw_entry, pw_line, sizeof(pw_line), &r);

	if (e)
		errno = e;
	return r;
}

int putpwent(const struct passwd *pw, FILE *f)
{
	if (fprintf(f, "%s:%s:%u:%u:%s:%s:%s\n", pw->pw_name, pw->pw_passwd,
		    pw->pw_uid, pw->pw_gid, pw->pw_gecos, pw->pw_dir,
		    pw->pw_shell) < 0)
		return -1;
	return 0;
}

/* ---- group ---- */

static FILE *gr_file;
static char gr_line[LINE_MAX_LEN];
static char *gr_members[GROUP_MAX_MEMBERS];
static struct group gr_entry;

struct group *fgetgrent(FILE *f)
{
	while (fgets(gr_line, sizeof(gr_line), f))
		if (parse_group(gr_line, &gr_entry, gr_members,
				GROUP_MAX_MEMBERS) == 0)
			return &gr_entry;
	return 0;
}

void setgrent(void)
{
	if (gr_file)
		rewind(gr_file);
}

void endgrent(void)
{
	if (gr_file)
		fclose(gr_file);
	gr_file = 0;
}

struct group *getgrent(void)
{
	if (!gr_file)
		gr_file = fopen(GROUP_FILE, "re");
	return gr_file ? fgetgrent(gr_file) : 0;
}

/*
 * The caller's buffer holds the member pointer array (aligned, at its
 * start) followed by the line text.
 */
static int find_group(const char *name, gid_t gid, struct group *gr,
		      char *buf, size_t len, struct group **result)
{
	size_t nptr = len / 4 / sizeof(char *);
	char **members = (char **)buf;
	char *text = buf + nptr * sizeof(char *);
	size_t text_len = len - nptr * sizeof(char *);
	FILE *f;
	int saved = errno;

	*result = 0;
	if (nptr < 2 || text_len < 2)
		return ERANGE;
	f = fopen(GROUP_FILE, "re");
	if (!f)
		return errno == ENOENT ? 0 : errno;
	while (fgets(text, (int)text_len, f)) {
		if (!strchr(text, '\n') && !feof(f)) {
			fclose(f);
			return ERANGE;
		}
		if (parse_group(text, gr, members, nptr) < 0)
			continue;
		if (name ? strcmp(gr->gr_name, name) == 0 : gr->gr_gid == gid) {
			*result = gr;
			break;
		}
	}
	fclose(f);
	errno = saved;
	return 0;
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t len,
	       struct group **result)
{
	return find_group(name, 0, gr, buf, len, result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t len,
	       struct group **result)
{
	return find_group(0, gid, gr, buf, len, result);
}

static char gr_buf[GROUP_MAX_MEMBERS * sizeof(char *) + LINE_MAX_LEN * 4]
	__attribute__((aligned(8)));

struct group *getgrnam(const char *name)
{
	struct group *r;
	int e = getgrnam_r(name, &gr_entry, gr_buf, sizeof(gr_buf), &r);

	if (e)
		errno = e;
	return r;
}

struct group *getgrgid(gid_t gid)
{
	struct group *r;
	int e = getgrgid_r(gid, &gr_entry, gr_buf, sizeof(gr_buf), &r);

	if (e)
		errno = e;
	return r;
}

/* The primary group first, then every group listing user as a member. */
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)
{
	FILE *f = fopen(GROUP_FILE, "re");
	struct group gr;
	char line[LINE_MAX_LEN], *members[GROUP_MAX_MEMBERS];
	int n = 0, i;

	if (n < *ngroups)
		groups[n] = group;
	n++;
	while (f && fgets(line, sizeof(line), f)) {
		if (parse_group(line, &gr, members, GROUP_MAX_MEMBERS) < 0 ||
		    gr.gr_gid == group)
			continue;
		for (i = 0; gr.gr_mem[i]; i++) {
			if (strcmp(gr.gr_mem[i], user) == 0) {
				if (n < *ngroups)
					groups[n] = gr.gr_gid;
				n++;
				break;
			}
		}
	}
	if (f)
		fclose(f);
	i = *ngroups;
	*ngroups = n;
	return n > i ? -1 : n;
}

int initgroups(const char *user, gid_t group)
{
	gid_t groups[NGROUPS_MAX < 1024 ? NGROUPS_MAX : 1024];
	int n = (int)(sizeof(groups) / sizeof(groups[0]));

	if (getgrouplist(user, group, groups, &n) < 0) {
		errno = EINVAL;
		return -1;
	}
	return setgroups(n, groups);
}

/* ---- shadow ---- */

static FILE *sp_file;
static char sp_line[LINE_MAX_LEN];
static struct spwd sp_entry;

struct spwd *fgetspent(FILE *f)
{
	while (fgets(sp_line, sizeof(sp_line), f))
		if (parse_shadow(sp_line, &sp_entry) == 0)
			return &sp_entry;
	return 0;
}

void setspent(void)
{
	if (sp_file)
		rewind(sp_file);
}

void endspent(void)
{
	if (sp_file)
		fclose(sp_file);
	sp_file = 0;
}

struct spwd *getspent(void)
{
	if (!sp_file)
		sp_file = fopen(SHADOW_FILE, "re");
	return sp_file ? fgetspent(sp_file) : 0;
}

struct spwd *getspnam(const char *name)
{
	FILE *f = fopen(SHADOW_FILE, "re");
	struct spwd *sp;

	if (!f)
		return 0;
	while ((sp = fgetspent(f)) != 0)
		if (strcmp(sp->sp_namp, name) == 0)
			break;
	fclose(f);
	if (!sp)
		errno = ENOENT;
	return sp;
}

static void put_number(FILE *f, long v)
{
	if (v != -1)
		fprintf(f, "%ld", v);
}

int putspent(const struct spwd *sp, FILE *f)
{
	fprintf(f, "%s:%s:", sp->sp_namp, sp->sp_pwdp);
	put_number(f, sp->sp_lstchg);
	fputc(':', f);
	put_number(f, sp->sp_min);
	fputc(':', f);
	put_number(f, sp->sp_max);
	fputc(':', f);
	put_number(f, sp->sp_warn);
	fputc(':', f);
	put_number(f, sp->sp_inact);
	fputc(':', f);
	put_number(f, sp->sp_expire);
	fputc(':', f);
	put_number(f, (long)sp->sp_flag);
	return fputc('\n', f) == EOF ? -1 : 0;
}
