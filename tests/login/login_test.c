/*
 * login_test.c - host tests of userland/login's shared code, the
 * behaviour login, su and passwd are built on.  Run in a scratch folder
 * given as argv[1]; libc's lckpwdf is built in with the lock file
 * "pwd.lock" there (see login.mk).
 */
#define _GNU_SOURCE
#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <shadow.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "check.h"
#include "prompt.h"
#include "shadowdb.h"
#include "suargs.h"

#define SCRATCH_SHADOW "shadow"
#define SCRATCH_NSHADOW "nshadow"
#define WRITER_ROUNDS 40
#define PADDING_USERS 200
#define SMALL_FILE_LIMIT 1024	/* bytes: less than the padded shadow file */

static const struct shadow_files test_shadow = {
	.path = SCRATCH_SHADOW,
	.new_path = SCRATCH_NSHADOW,
	.lock = lckpwdf,
	.unlock = ulckpwdf,
};

/* alice's password is "alice"; bob's entry is locked; carol has none. */
static char alice_hash[HASH_MAX];
static char shadow_text[1 << 16];

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static char *read_file(const char *path)
{
	static char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* A shadow file: alice, bob (locked), a comment, and padding users. */
static void make_shadow(int padding)
{
	size_t n;
	int i;

	n = (size_t)snprintf(shadow_text, sizeof(shadow_text),
			     "root:*:19000:0:99999:7:::\n"
			     "alice:%s:19000:0:99999:7:::\n"
			     "bob:!%s:19000:0:99999:7:::\n"
			     "# not an entry: alice:\n"
			     "dave:!:19000:0:99999:7:::\n",
			     alice_hash, alice_hash);
	for (i = 0; i < padding; i++)
		n += (size_t)snprintf(shadow_text + n, sizeof(shadow_text) - n,
				      "user%03d:!:19000:0:99999:7:::\n", i);
	write_file(SCRATCH_SHADOW, shadow_text);
}

static struct passwd user(const char *name, const char *passwd)
{
	struct passwd pw = {
		.pw_name = (char *)name, .pw_passwd = (char *)passwd,
		.pw_uid = 1000, .pw_gid = 1000, .pw_gecos = "",
		.pw_dir = "/home", .pw_shell = "/bin/sh",
	};
	return pw;
}

/* The hash field of name's entry in the test shadow file. */
static const char *hash_of(const char *name, char *buf, size_t len)
{
	struct passwd pw = user(name, "x");

	return auth_find_hash(&pw, SCRATCH_SHADOW, buf, len) == 0 ? buf : "(none)";
}

static void test_hash_equal(void)
{
	check("hash-equal-same", hash_equal("$6$ab$xyz", "$6$ab$xyz"), "unequal");
	check("hash-equal-differs", !hash_equal("$6$ab$xyz", "$6$ab$xyw"), "equal");
	check("hash-equal-prefix", !hash_equal("$6$ab$xy", "$6$ab$xyz"), "equal");
	check("hash-equal-longer", !hash_equal("$6$ab$xyzz", "$6$ab$xyz"), "equal");
	check("hash-equal-empty", !hash_equal("", "x") && hash_equal("", ""),
	      "wrong answer for empty strings");
}

static void test_check(void)
{
	struct passwd alice = user("alice", "x"), bob = user("bob", "x");
	struct passwd carol = user("carol", "x"), inline_pw = user("eve", alice_hash);
	char locked[HASH_MAX + 1];

	make_shadow(0);
	check("auth-right-password", auth_user(&alice, SCRATCH_SHADOW, "alice"), "refused");
	check("auth-wrong-password", !auth_user(&alice, SCRATCH_SHADOW, "alicf"), "accepted");
	check("auth-empty-password", !auth_user(&alice, SCRATCH_SHADOW, ""), "accepted");
	check("auth-locked-bang", !auth_user(&bob, SCRATCH_SHADOW, "alice"),
	      "a '!' hash was opened by its password");
	check("auth-no-shadow-entry", !auth_user(&carol, SCRATCH_SHADOW, ""),
	      "an account with no shadow entry was opened");
	check("auth-hash-in-passwd", auth_user(&inline_pw, SCRATCH_SHADOW, "alice"),
	      "a hash in the passwd field was not used");
	snprintf(locked, sizeof(locked), "*%s", alice_hash + 1);
	check("auth-locked-star", auth_locked(locked) && !auth_check("*", ""),
	      "'*' is not locked");
	check("auth-locked-empty", auth_locked("") && !auth_check("", ""),
	      "an empty hash opens the account");
	check("auth-find-missing", hash_of("carol", locked, sizeof(locked))[0] == '(' &&
	      errno == ENOENT, "errno %d", errno);
}

static void test_rewrite(void)
{
	struct shadow_change change = {
		.op = SHADOW_SET_HASH, .user = "alice", .hash = "$6$new$hash", .today = 20000,
	};
	struct shadow_error error;
	char want[sizeof(shadow_text)], buf[HASH_MAX], *p;
	struct stat st;
	int ret;

	make_shadow(3);
	ret = shadow_update(&test_shadow, &change, &error);
	snprintf(want, sizeof(want), "%s", shadow_text);
	p = strstr(want, "alice:");
	snprintf(p, sizeof(want) - (size_t)(p - want), "alice:$6$new$hash:20000:0:99999:7:::\n%s",
		 strstr(shadow_text, "bob:"));
	check("rewrite-set-hash", ret == 0 && strcmp(read_file(SCRATCH_SHADOW), want) == 0,
	      "ret %d (%s: %s), file:\n%s", ret, ret ? error.what : "",
	      ret ? strerror(error.err) : "", read_file(SCRATCH_SHADOW));
	check("rewrite-mode-0600", stat(SCRATCH_SHADOW, &st) == 0 && (st.st_mode & 07777) == 0600,
	      "mode %o", st.st_mode & 07777);
	check("rewrite-no-leftover", access(SCRATCH_NSHADOW, F_OK) < 0, "nshadow left behind");

	change.op = SHADOW_LOCK;
	ret = shadow_update(&test_shadow, &change, &error);
	check("rewrite-lock", ret == 0 && strcmp(hash_of("alice", buf, sizeof(buf)),
						  "!$6$new$hash") == 0, "hash %s", buf);
	change.op = SHADOW_UNLOCK;
	ret = shadow_update(&test_shadow, &change, &error);
	check("rewrite-unlock", ret == 0 && strcmp(hash_of("alice", buf, sizeof(buf)),
						    "$6$new$hash") == 0, "hash %s", buf);

	snprintf(want, sizeof(want), "%s", read_file(SCRATCH_SHADOW));
	change.user = "dave";
	ret = shadow_update(&test_shadow, &change, &error);
	check("rewrite-unlock-to-empty-refused", ret < 0 && error.why &&
	      strcmp(read_file(SCRATCH_SHADOW), want) == 0, "ret %d", ret);
	change.user = "carol";
	ret = shadow_update(&test_shadow, &change, &error);
	check("rewrite-missing-user", ret < 0 && error.err == ENOENT &&
	      strcmp(read_file(SCRATCH_SHADOW), want) == 0 && access(SCRATCH_NSHADOW, F_OK) < 0,
	      "ret %d err %d", ret, error.err);
	change.user = "alic";
	ret = shadow_update(&test_shadow, &change, &error);
	check("rewrite-name-prefix-is-not-user", ret < 0 && error.err == ENOENT,
	      "ret %d", ret);
}

/*
 * A disk that fills up while the new file is written: a file size limit
 * below the file's size (SIGXFSZ ignored) makes write(2) fail with EFBIG.
 */
static void test_full_disk(void)
{
	struct shadow_change change = {
		.op = SHADOW_SET_HASH, .user = "user150", .hash = "$6$x$y", .today = 1,
	};
	struct shadow_error error;
	struct rlimit small = { SMALL_FILE_LIMIT, SMALL_FILE_LIMIT };
	int status, ret;
	pid_t pid;

	make_shadow(PADDING_USERS);
	pid = fork();
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &small);
		ret = shadow_update(&test_shadow, &change, &error);
		_exit(ret < 0 && error.err == EFBIG ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check("full-disk-fails", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the update did not fail with EFBIG (status %#x)", status);
	check("full-disk-old-file-intact", strcmp(read_file(SCRATCH_SHADOW), shadow_text) == 0,
	      "/etc/shadow changed");
	check("full-disk-new-file-removed", access(SCRATCH_NSHADOW, F_OK) < 0,
	      "nshadow left behind");
}

/* One writer: sets name's last-change day to 1..WRITER_ROUNDS in turn. */
static void writer(const char *name)
{
	struct shadow_change change = { .op = SHADOW_SET_HASH, .user = name };
	struct shadow_error error;
	char hash[64];
	int i;

	for (i = 1; i <= WRITER_ROUNDS; i++) {
		snprintf(hash, sizeof(hash), "$6$%s$%d", name, i);
		change.hash = hash;
		change.today = i;
		if (shadow_update(&test_shadow, &change, &error) < 0) {
			check_say("FAIL concurrent-writer-%s: %s: %s", name, error.what,
				  error.why ? error.why : strerror(error.err));
			_exit(1);
		}
	}
	_exit(0);
}

static void test_concurrent(void)
{
	const char *names[] = { "user010", "user020", "user030" };
	char buf[HASH_MAX], want[64], name[64];
	int i, status, ok = 1, lines = 0;
	pid_t pid[3];
	char *p;

	make_shadow(50);
	for (i = 0; i < 3; i++)
		if ((pid[i] = fork()) == 0)
			writer(names[i]);
	for (i = 0; i < 3; i++) {
		waitpid(pid[i], &status, 0);
		ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	check("concurrent-writers-succeed", ok, "a writer failed");
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "concurrent-keeps-%s", names[i]);
		snprintf(want, sizeof(want), "$6$%s$%d", names[i], WRITER_ROUNDS);
		check(name, strcmp(hash_of(names[i], buf, sizeof(buf)), want) == 0,
		      "hash %s, want %s: an update was lost", buf, want);
	}
	for (p = read_file(SCRATCH_SHADOW); (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	check("concurrent-line-count", lines == 5 + 50, "%d lines, want %d", lines, 55);
}

static void test_lckpwdf(void)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int to_child[2], to_parent[2], status;
	char c;
	pid_t pid;

	check("lckpwdf-takes", lckpwdf() == 0, "%s", strerror(errno));
	check_err("lckpwdf-twice-fails", lckpwdf(), EDEADLK);
	if (pipe(to_child) < 0 || pipe(to_parent) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		int fd = open("pwd.lock", O_WRONLY);

		check("lckpwdf-excludes-others", fd >= 0 && fcntl(fd, F_SETLK, &fl) < 0 &&
		      (errno == EAGAIN || errno == EACCES), "another process got the lock");
		if (write(to_parent[1], "x", 1) != 1 || read(to_child[0], &c, 1) != 1)
			_exit(1);
		check("ulckpwdf-releases", fcntl(fd, F_SETLK, &fl) == 0, "%s", strerror(errno));
		_exit(0);
	}
	/* Once the child has found the lock taken, release it and let it retry. */
	if (read(to_parent[0], &c, 1) != 1)
		c = 0;
	check("ulckpwdf-ok", ulckpwdf() == 0, "%s", strerror(errno));
	(void)!write(to_child[1], "x", 1);
	waitpid(pid, &status, 0);
	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
	check_err("ulckpwdf-unlocked-fails", ulckpwdf(), ENOLCK);
}

static void test_setting(void)
{
	char a[SETTING_MAX], b[SETTING_MAX];
	size_t i;
	int ok;

	ok = make_setting(a, sizeof(a)) == 0 && make_setting(b, sizeof(b)) == 0;
	ok = ok && strncmp(a, "$6$", 3) == 0 && strlen(a) == 3 + SALT_LEN + 1 &&
	     a[3 + SALT_LEN] == '$';
	for (i = 3; ok && i < 3 + SALT_LEN; i++)
		ok = strchr("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz", a[i]) != NULL;
	check("salt-format", ok, "setting %s", a);
	check("salt-random", strcmp(a, b) != 0, "two settings %s", a);
	check("today", days_since_epoch() == (long)(time(NULL) / 86400), "%ld",
	      days_since_epoch());
}

/* Answers from a pipe: line by line, nothing read beyond the answer. */
static void test_prompt_pipe(void)
{
	char name[ANSWER_MAX], pass[8];
	int p[2], in = dup(0), err = dup(2), null = open("/dev/null", O_WRONLY);
	int r1, r2, r3;

	if (pipe(p) < 0 || write(p[1], "alice\nsecret-too-long\n", 22) != 22)
		return;
	close(p[1]);
	dup2(p[0], 0);
	dup2(null, 2);
	r1 = prompt_line("login: ", name, sizeof(name));
	r2 = prompt_password("Password: ", pass, sizeof(pass));
	r3 = prompt_line("again: ", name + 100, 10);
	dup2(in, 0);
	dup2(err, 2);
	close(p[0]);
	close(null);
	check("prompt-pipe-lines", r1 == 0 && r2 == 0 && strcmp(name, "alice") == 0 &&
	      strcmp(pass, "secret-") == 0, "got %d %d '%s' '%s'", r1, r2, name, pass);
	check("prompt-pipe-eof", r3 < 0 && errno == 0, "ret %d errno %d", r3, errno);
}

static volatile sig_atomic_t got_term;

static void on_term(int sig)
{
	got_term = sig;
}

/* In a child on the pty's slave: one password, then one cut by SIGTERM. */
static void prompt_child(int slave)
{
	char pass[ANSWER_MAX];
	struct termios t;
	int r;

	setsid();
	dup2(slave, 0);
	dup2(slave, 2);
	signal(SIGTERM, on_term);
	r = prompt_password("Password: ", pass, sizeof(pass));
	tcgetattr(0, &t);
	check("prompt-pty-answer", r == 0 && strcmp(pass, "hunter2") == 0, "'%s'", pass);
	check("prompt-pty-echo-back", (t.c_lflag & ECHO) != 0, "echo still off");
	r = prompt_password("Password: ", pass, sizeof(pass));
	tcgetattr(0, &t);
	check("prompt-pty-signal", r < 0 && errno == EINTR && got_term == SIGTERM,
	      "ret %d errno %d signal %d", r, errno, got_term);
	check("prompt-pty-signal-echo-back", (t.c_lflag & ECHO) != 0,
	      "echo left off after a signal");
	_exit(0);
}

/* Reads from the master until text has been seen. */
static int wait_for(int master, const char *text)
{
	char seen[512];
	size_t n = 0;
	ssize_t got;

	while (n < sizeof(seen) - 1) {
		got = read(master, seen + n, sizeof(seen) - 1 - n);
		if (got <= 0)
			return -1;
		n += (size_t)got;
		seen[n] = '\0';
		if (strstr(seen, text))
			return 0;
	}
	return -1;
}

static void test_prompt_pty(void)
{
	struct termios t;
	int master, slave, status;
	pid_t pid;

	if (openpty(&master, &slave, NULL, NULL, NULL) < 0) {
		check("prompt-pty", 0, "openpty: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(master);
		prompt_child(slave);
	}
	close(slave);
	wait_for(master, "Password: ");
	tcgetattr(master, &t);
	check("prompt-pty-echo-off", !(t.c_lflag & ECHO), "echo on while asking");
	(void)!write(master, "hunter2\n", 8);
	wait_for(master, "Password: ");
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	check("prompt-pty-child", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x", status);
	close(master);
}

struct su_case {
	const char *name;
	const char *argv[8];
	int ret, login;
	const char *command, *shell, *user, *first_arg;
};

static const struct su_case su_cases[] = {
	{ "su-args-none", { "su" }, 0, 0, NULL, NULL, "root", NULL },
	{ "su-args-dash", { "su", "-" }, 0, 1, NULL, NULL, "root", NULL },
	{ "su-args-dash-user", { "su", "-", "alice" }, 0, 1, NULL, NULL, "alice", NULL },
	{ "su-args-l-c", { "su", "-l", "-c", "echo hi", "bob" }, 0, 1, "echo hi", NULL, "bob", NULL },
	{ "su-args-c-then-dash", { "su", "-c", "id", "-", "alice" }, 0, 1, "id", NULL, "alice", NULL },
	{ "su-args-long", { "su", "--login", "--shell=/bin/ash", "--command", "x", "alice" },
	  0, 1, "x", "/bin/ash", "alice", NULL },
	{ "su-args-shell-args", { "su", "-s", "/bin/sh", "alice", "-c", "y" },
	  0, 0, NULL, "/bin/sh", "alice", "-c" },
	{ "su-args-missing-value", { "su", "-c" }, -1, 0, NULL, NULL, NULL, NULL },
	{ "su-args-bad-option", { "su", "-x", "alice" }, -1, 0, NULL, NULL, NULL, NULL },
};

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void test_su_args(void)
{
	struct su_args args;
	size_t i;
	int argc, ret, err = dup(2), null = open("/dev/null", O_WRONLY);

	for (i = 0; i < sizeof(su_cases) / sizeof(su_cases[0]); i++) {
		const struct su_case *c = &su_cases[i];
		char *argv[8];

		for (argc = 0; c->argv[argc]; argc++)
			argv[argc] = (char *)c->argv[argc];
		argv[argc] = NULL;
		dup2(null, 2);	/* getopt's complaints */
		ret = su_parse_args(argc, argv, &args);
		dup2(err, 2);
		if (ret < 0 || c->ret < 0) {
			check(c->name, ret == c->ret, "returned %d", ret);
			continue;
		}
		check(c->name, args.login == c->login && same(args.command, c->command) &&
		      same(args.shell, c->shell) && same(args.user, c->user) &&
		      same(args.shell_args[0], c->first_arg),
		      "login %d command %s shell %s user %s arg %s", args.login,
		      args.command, args.shell, args.user, args.shell_args[0]);
	}
	close(null);
	close(err);
}

int main(int argc, char **argv)
{
	const char *hash;

	if (argc != 2 || chdir(argv[1]) < 0) {
		fprintf(stderr, "usage: login_test SCRATCH-FOLDER\n");
		return 2;
	}
	hash = crypt("alice", "$6$saltsaltsaltsalt$");
	if (!hash)
		return 1;
	snprintf(alice_hash, sizeof(alice_hash), "%s", hash);
	test_hash_equal();
	test_check();
	test_rewrite();
	test_full_disk();
	test_concurrent();
	test_lckpwdf();
	test_setting();
	test_prompt_pipe();
	test_prompt_pty();
	test_su_args();
	return 0;
}
