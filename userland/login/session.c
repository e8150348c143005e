/*
 * session.c - setting up a user's session for login and su: environment,
 * home folder, login shell (see session.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "cgroup.h"	/* libc's; natively found by -iquote (userland.mk) */
#include "session.h"

#define CGROUP2_MAGIC 0x63677270	/* CGROUP2_SUPER_MAGIC */

#define SHELL_ARGS_MAX 64

const char *session_shell(const struct passwd *pw)
{
	return pw->pw_shell && pw->pw_shell[0] ? pw->pw_shell : DEFAULT_SHELL;
}

int session_login_env(const struct passwd *pw, const char *shell,
		      const char *term_default)
{
	const char *term = getenv("TERM");
	char saved_term[NAME_MAX + 1];

	if (!term)
		term = term_default;
	if (term) {
		snprintf(saved_term, sizeof(saved_term), "%s", term);
		term = saved_term;
	}
	if (clearenv() != 0)
		return -1;
	if ((term && setenv("TERM", term, 1) < 0) ||
	    setenv("HOME", pw->pw_dir, 1) < 0 ||
	    setenv("SHELL", shell, 1) < 0 ||
	    setenv("USER", pw->pw_name, 1) < 0 ||
	    setenv("LOGNAME", pw->pw_name, 1) < 0 ||
	    setenv("PATH", pw->pw_uid == 0 ? ROOT_PATH : USER_PATH, 1) < 0)
		return -1;
	return 0;
}

/* The controllers a user's subtree gets, as systemd delegates them to a
 * user's manager: her containers may then limit each (isolate --cpus,
 * --io-max, --memory, --pids). */
#define DELEGATED "+cpu +io +memory +pids"

/* The names a delegated cgroup gives its user, as Linux's delegation. */
static const char *const delegated_files[] = {
	"", "cgroup.procs", "cgroup.threads", "cgroup.subtree_control",
};

static int give_to(const char *name, const struct passwd *pw)
{
	char dir[PATH_MAX], path[PATH_MAX + 32];

	if (cgroup_path(name, dir, sizeof(dir)) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(delegated_files) / sizeof(delegated_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, delegated_files[i]);
		if (chown(path, pw->pw_uid, pw->pw_gid) < 0)
			return -1;
	}
	return 0;
}

/* Make name unless it is there. */
static int make(const char *name)
{
	return cgroup_create(name) < 0 && errno != EEXIST ? -1 : 0;
}

int session_delegate_cgroup(const struct passwd *pw)
{
	char user[64], login[80];
	struct statfs st;

	if (pw->pw_uid == 0 || statfs(CGROUP_MOUNT, &st) < 0 || st.f_type != CGROUP2_MAGIC)
		return 0;
	snprintf(user, sizeof(user), "user/%u", (unsigned)pw->pw_uid);
	snprintf(login, sizeof(login), "%s/login", user);
	if (cgroup_set_limit(CGROUP_MOUNT, "cgroup.subtree_control", DELEGATED) < 0 ||
	    make("user") < 0 || cgroup_set_limit("user", "cgroup.subtree_control", DELEGATED) < 0 ||
	    make(user) < 0 || give_to(user, pw) < 0 ||
	    cgroup_set_limit(user, "cgroup.subtree_control", DELEGATED) < 0 ||
	    make(login) < 0 || give_to(login, pw) < 0)
		return -1;
	return cgroup_add(login, 0);
}

void session_chdir_home(const char *prog, const struct passwd *pw)
{
	if (chdir(pw->pw_dir) == 0)
		return;
	fprintf(stderr, "%s: %s: %s; starting in /\n", prog, pw->pw_dir,
		strerror(errno));
	if (chdir("/") < 0)
		fprintf(stderr, "%s: /: %s\n", prog, strerror(errno));
}

void session_exec_shell(const char *shell, int login_shell, char *const *args)
{
	char *argv[SHELL_ARGS_MAX + 2], arg0[NAME_MAX + 2];
	const char *name = strrchr(shell, '/');
	int n = 0;

	name = name ? name + 1 : shell;
	snprintf(arg0, sizeof(arg0), "%s%s", login_shell ? "-" : "", name);
	argv[n++] = arg0;
	while (args && *args && n <= SHELL_ARGS_MAX)
		argv[n++] = *args++;
	argv[n] = NULL;
	if (args && *args) {
		errno = E2BIG;
		return;
	}
	execv(shell, argv);
}
