/*
 * session.h - what login and su do once the user is known: the
 * environment, the home folder and the shell.
 */
#ifndef LOGIN_SESSION_H
#define LOGIN_SESSION_H

#include <pwd.h>

#define USER_PATH "/bin:/usr/bin"
#define ROOT_PATH "/sbin:/bin:/usr/sbin:/usr/bin"
#define DEFAULT_SHELL "/bin/sh"

/* pw's shell, or DEFAULT_SHELL when the entry names none. */
const char *session_shell(const struct passwd *pw);

/*
 * A login environment for pw: everything cleared but TERM (set to
 * term_default when absent and term_default is not NULL), then HOME,
 * SHELL, USER, LOGNAME and PATH.  0, or -1 with errno.
 */
int session_login_env(const struct passwd *pw, const char *shell,
		      const char *term_default);

/*
 * Give pw a cgroup subtree of its own and put the caller in it, as
 * systemd's user slices do: /sys/fs/cgroup/user/UID owned by the user
 * (the directory, cgroup.procs, cgroup.threads, cgroup.subtree_control:
 * Linux's delegation), with the pids controller handed down, and the
 * session in its child "login".  The user may then make cgroups of its
 * own beside "login" and move its processes between them (isolate puts
 * each container there).  Run as root, before the ids change; does
 * nothing where no cgroup2 tree is mounted, and a failure only costs the
 * user the delegation: 0, or -1 with errno.
 */
int session_delegate_cgroup(const struct passwd *pw);

/* chdir to pw's home; on failure says so (as prog) and goes to "/". */
void session_chdir_home(const char *prog, const struct passwd *pw);

/*
 * Runs shell (argv[0] "-NAME" for a login shell, NAME is its basename)
 * with the arguments args (NULL-terminated, may be NULL).  Returns only
 * when exec failed, with errno.
 */
void session_exec_shell(const char *shell, int login_shell, char *const *args);

#endif
