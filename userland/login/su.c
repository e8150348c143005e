/*
 * su: run a shell as another user (root by default); see suargs.h for
 * the command line.  su is set-user-ID root.  A caller whose real uid is 0
 * needs no password; anyone else types the target user's.  A wrong one
 * costs AUTH_FAIL_DELAY seconds, is logged to the kernel log, and su
 * exits 1.
 *
 * With "-" the shell is a login shell in a fresh environment (TERM kept)
 * and the target's home folder; otherwise the environment stays, with
 * HOME and SHELL set (and USER and LOGNAME unless the target is root).
 * su execs the shell, so the shell's (or -c command's) exit status is su's.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "prompt.h"
#include "session.h"
#include "suargs.h"

#define KMSG_PATH "/dev/kmsg"
#define EXIT_CANNOT_EXEC 126
#define EXIT_NOT_FOUND 127

static const char prog[] = "su";

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
	exit(1);
}

/* A line in the kernel log about a refused su; nothing if that fails. */
static void log_failure(const char *caller, const char *target)
{
	char line[160];
	const char *tty = ttyname(STDIN_FILENO);
	int fd = open(KMSG_PATH, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	int n;

	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "su: FAILED su for %s by %s on %s\n",
		     target, caller, tty ? tty : "?");
	if (n > 0)
		(void)!write(fd, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
	close(fd);
}

static void authenticate(const char *caller, const struct passwd *pw)
{
	char password[ANSWER_MAX];
	int ok;

	if (prompt_password("Password: ", password, sizeof(password)) < 0)
		ok = 0;
	else
		ok = auth_user(pw, SHADOW_PATH, password);
	auth_forget(password, sizeof(password));
	if (ok)
		return;
	sleep(AUTH_FAIL_DELAY);
	log_failure(caller, pw->pw_name);
	fprintf(stderr, "%s: Authentication failure\n", prog);
	exit(1);
}

static void set_env(const struct su_args *args, const struct passwd *pw,
		    const char *shell)
{
	if (args->login) {
		if (session_login_env(pw, shell, NULL) < 0)
			die("environment");
		return;
	}
	if (setenv("HOME", pw->pw_dir, 1) < 0 || setenv("SHELL", shell, 1) < 0)
		die("environment");
	if (pw->pw_uid != 0 && (setenv("USER", pw->pw_name, 1) < 0 ||
				setenv("LOGNAME", pw->pw_name, 1) < 0))
		die("environment");
}

static void become(const struct passwd *pw)
{
	if (initgroups(pw->pw_name, pw->pw_gid) < 0)
		die("initgroups");
	if (setgid(pw->pw_gid) < 0)
		die("setgid");
	if (setuid(pw->pw_uid) < 0)
		die("setuid");
}

/* The shell's arguments: "-c command" first when asked, then the rest. */
static char **shell_args(const struct su_args *args)
{
	size_t n = 0, i = 0;
	char **v;

	while (args->shell_args[n])
		n++;
	v = calloc(n + 3, sizeof(*v));
	if (!v)
		die("arguments");
	if (args->command) {
		v[i++] = "-c";
		v[i++] = (char *)args->command;
	}
	memcpy(v + i, args->shell_args, n * sizeof(*v));
	return v;
}

int main(int argc, char **argv)
{
	char caller[ANSWER_MAX];
	struct su_args args;
	struct passwd *pw;
	const char *shell;
	uid_t uid = getuid();

	if (su_parse_args(argc, argv, &args) < 0) {
		fprintf(stderr, "%s\n", SU_USAGE);
		return 2;
	}
	pw = getpwuid(uid);
	if (pw)
		snprintf(caller, sizeof(caller), "%s", pw->pw_name);
	else
		snprintf(caller, sizeof(caller), "uid %u", (unsigned)uid);
	pw = getpwnam(args.user);
	if (!pw) {
		fprintf(stderr, "%s: user %s does not exist\n", prog, args.user);
		return 1;
	}
	if (uid != 0)
		authenticate(caller, pw);
	shell = args.shell ? args.shell : session_shell(pw);
	set_env(&args, pw, shell);
	become(pw);
	if (args.login)
		session_chdir_home(prog, pw);
	session_exec_shell(shell, args.login, shell_args(&args));
	fprintf(stderr, "%s: %s: %s\n", prog, shell, strerror(errno));
	return errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC;
}
