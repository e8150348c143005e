/*
 * sh.h - the shared contract between the parts of the shell.
 *
 * The shell is a pipeline of small parts, one idea per file:
 *   lexer.c/parser.c  source text -> command tree (struct node)
 *   expand.c          words of the tree -> argument fields
 *   arith.c           $((...)) evaluation
 *   pattern.c         glob-style pattern matching (case, ${v%p}, pathnames)
 *   exec.c            walks the tree, runs commands, pipelines, functions
 *   redir.c           redirections and saving/restoring descriptors
 *   vars.c            variables, positional parameters, functions, aliases
 *   builtins.c, ...   the builtin commands
 *   jobs.c, trap.c    job control and signal handling
 *   lineedit.c, history.c, complete.c, prompt.c   interactive input
 *   main.c            startup and the read-parse-execute loop
 *
 * The shell is single-threaded; all global state lives in the file that owns
 * it and is reached through the functions declared here.
 */
#ifndef SH_H
#define SH_H

#include <setjmp.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- memory (util.c): every allocation either succeeds or the shell exits */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable string. */
struct str {
	char *s;
	size_t len, cap;
};
void str_putc(struct str *b, char c);
void str_putn(struct str *b, const char *s, size_t n);
void str_puts(struct str *b, const char *s);
char *str_take(struct str *b);	/* NUL-terminated result; b is reset */

/* ---- the command tree (parser.c) */
struct word {
	struct word *next;
	char text[];		/* raw source text, quotes still in place */
};

enum redir_type {
	R_IN, R_OUT, R_APPEND, R_RDWR, R_CLOBBER, R_DUPIN, R_DUPOUT, R_HEREDOC
};

struct redir {
	struct redir *next;
	enum redir_type type;
	int fd;
	char *target;		/* raw word, or the here-document body */
	int heredoc_quoted;	/* body is taken literally */
	char *heredoc_delim;	/* while the body is still to be read */
	int heredoc_strip;	/* <<- strips leading tabs */
};

struct case_item {
	struct case_item *next;
	struct word *patterns;
	struct node *body;
};

enum node_type {
	N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_NOT, N_SUBSHELL, N_GROUP,
	N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNC
};

struct node {
	enum node_type type;
	struct redir *redirs;	/* for simple and compound commands */
	int lineno;
	union {
		struct { struct word *assigns, *args; } cmd;
		struct { struct node *left, *right; } bin;	/* AND OR SEQ */
		struct { int n; struct node **cmds; } pipe;
		struct { struct node *body; } sub;	/* BG NOT SUBSHELL GROUP */
		struct { struct node *cond, *then, *els; } ifn;
		struct { struct node *cond, *body; } loop;
		struct { char *var; struct word *words; int has_in;
			 struct node *body; } forn;
		struct { char *subject; struct case_item *items; } casen;
		struct { char *name; struct node *body; } func;
	};
};

/* Where the parser's text comes from. */
enum source_kind { SRC_STRING, SRC_FD, SRC_INTERACTIVE };

struct parser {
	enum source_kind kind;
	int fd;
	int eof;		/* source exhausted */
	char *buf;		/* text read so far and not yet discarded */
	size_t len, cap, pos;
	size_t cmd_start;	/* where the current command began */
	int lineno;
	int continued;		/* reading a continuation line (PS2) */
	int error;		/* syntax error seen in this command */
	struct redir **heredocs;	/* bodies to read after the next newline */
	int nheredocs, capheredocs;
	int alias_ok;		/* next word may be an alias */
	int alias_depth;
	int nest;		/* compound commands open, against deep recursion */
	size_t alias_end;
	char *alias_name;
	int tok, tok_fd;	/* current token, IO number */
	char *tok_word;		/* text of a WORD token */
	int tok_quoted;		/* the word contained quotes */
	size_t tok_start;
	int peeked;
	jmp_buf *jmp;		/* syntax errors unwind here */
};

void parser_init_string(struct parser *p, const char *s);
void parser_init_fd(struct parser *p, int fd, int interactive);
void parser_free(struct parser *p);
/* Parse one complete command (up to a newline).  Returns NULL at end of
 * input with *eof set, or NULL on a syntax error with p->error set. */
struct node *parse_command(struct parser *p, int *eof);
/* Parse everything (for eval, command substitution). NULL on error. */
struct node *parse_all(struct parser *p, int *error);
struct node *parse_subst_string(const char *s, size_t *consumed);
void node_free(struct node *n);
struct node *node_copy(const struct node *n);
void node_text(struct str *b, const struct node *n);	/* for jobs, type */
int is_name(const char *s, size_t n);

/* lexer.c */
enum token {
	T_EOF, T_NEWLINE, T_WORD, T_SEMI, T_AMP, T_PIPE, T_AND, T_OR, T_DSEMI,
	T_LPAREN, T_RPAREN, T_LESS, T_GREAT, T_DGREAT, T_LESSAND, T_GREATAND,
	T_LESSGREAT, T_CLOBBER, T_DLESS, T_DLESSDASH
};
int lex_next(struct parser *p);
int lex_fill(struct parser *p);		/* read more text; 0 at EOF */
void lex_syntax_error(struct parser *p, const char *what);
void lex_read_heredocs(struct parser *p);
char *parser_own(char *s);	/* freed with the parse if it fails */

/* ---- expansion (expand.c) */
struct arglist {
	char **v;
	int n, cap;
};
void arglist_add(struct arglist *a, char *s);
void arglist_free(struct arglist *a);
/* Full expansion with field splitting and globbing. */
void expand_fields(struct word *w, struct arglist *out);
/* Expansion to one string: assignments, redirection targets, case words. */
char *expand_string(const char *raw, int flags);
#define EXP_ASSIGN 1	/* tilde after = and : */
#define EXP_PATTERN 2	/* keep quoted characters escaped for matching */
char *expand_heredoc(const char *body);
/* s just after "${": is the operator # ## % or %%, whose word is a pattern? */
int brace_word_is_pattern(const char *s, const char *end);
char *cmdsubst_output(const char *text, size_t n);
extern int last_subst_status;

/* arith.c */
long arith_eval(const char *expr, int *error);

/* pattern.c */
int pattern_match(const char *pat, const char *s);	/* whole string */
int pattern_has_magic(const char *pat);
void glob_expand(const char *pat, struct arglist *out);	/* sorted, may add none */
void pattern_unescape(char *s);

/* ---- variables (vars.c) */
#define V_EXPORT 1
#define V_READONLY 2
struct var {
	struct var *next;
	char *name;
	char *value;		/* NULL when declared but unset */
	int flags;
};
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int flags); /* -1 readonly */
int var_setn(const char *name, size_t n, const char *value, int flags);
int var_unset(const char *name);
struct var *var_lookup(const char *name);
void var_set_flags(const char *name, int flags);
char **var_environ(void);		/* exported vars, NULL-terminated */
void var_import(char **env);
void var_each(void (*fn)(struct var *v, void *arg), void *arg);
/* local variables of function calls */
void var_push_scope(void);
void var_pop_scope(void);
int var_make_local(const char *name);
int var_scope_depth(void);

struct params {
	int n;
	char **v;		/* $1..$n */
};
extern struct params params;
extern char *arg0;
void params_set(int n, char **v);	/* copies */
void params_free(struct params *p);

struct func {
	char *name;
	struct node *body;
	int refs;
	struct func *next;
};
struct func *func_lookup(const char *name);
void func_define(const char *name, struct node *body);	/* takes body */
void func_unset(const char *name);
void func_put(struct func *f);
void func_each(void (*fn)(struct func *f, void *arg), void *arg);

const char *alias_get(const char *name);
void alias_set(const char *name, const char *value);
int alias_unset(const char *name);
void alias_clear(void);
void alias_each(void (*fn)(const char *name, const char *value, void *arg), void *arg);

/* ---- execution (exec.c) */
#define EV_EXIT 1	/* last thing this process does: exec without fork */
#define EV_TESTED 2	/* exit status is tested: set -e does not apply */
#define EV_BG 4		/* asynchronous: no terminal, stdin from /dev/null */
int exec_node(struct node *n, int flags);
int exec_string(const char *s, int flags);	/* eval and friends */
int exec_fd(int fd, int flags);			/* run a script */
char *path_search(const char *name, int *err);
void path_hash_clear(void);
void sh_exit(int status) __attribute__((noreturn));
void shell_reset_child(void);	/* in a forked child */
void shell_execve(char **argv) __attribute__((noreturn));
int exec_parser(struct parser *p, int flags);
extern int exit_status;		/* $? */
extern int builtin_tested;	/* the running builtin has EV_TESTED (eval, .) */
extern int in_subshell;
extern int func_depth;
/* break/continue/return unwinding */
enum skip { SKIP_NONE, SKIP_BREAK, SKIP_CONT, SKIP_RETURN };
extern enum skip skip_kind;
extern int skip_count;
extern int loop_depth;
/* errors that abort the current command */
void sh_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void sh_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern jmp_buf *error_jmp;
extern pid_t last_bg_pid;
extern pid_t shell_pid;

/* redir.c */
struct saved_fds;
/* Applies redirections.  With save != NULL, the old descriptors are kept
 * so redir_restore can undo them.  Returns -1 after printing an error. */
int redir_apply(struct redir *r, struct saved_fds **save);
void redir_restore(struct saved_fds *save);
int fd_move_high(int fd);	/* dup to >= 10, close-on-exec */

/* ---- options (main.c) */
struct options {
	int errexit, nounset, xtrace, noglob, monitor, pipefail, noclobber;
	int allexport, noexec, verbose, interactive, notify, ignoreeof, hashall;
	int emacs, vi;
};
extern struct options opt;
extern char *script_name;
int option_by_name(const char *name, int on);
int option_by_letter(int c, int on);
void options_print(int reusable);
char *option_flags(void);	/* $- */

/* ---- builtins (builtins.c and friends) */
#define BI_SPECIAL 1
struct builtin {
	const char *name;
	int (*fn)(int argc, char **argv);
	int flags;
};
const struct builtin *builtin_lookup(const char *name);
extern const struct builtin builtins[];
extern const int nbuiltins;
int bi_test(int argc, char **argv);
int bi_printf(int argc, char **argv);
int bi_read(int argc, char **argv);
int bi_ulimit(int argc, char **argv);
int bi_getopts(int argc, char **argv);
int bi_kill(int argc, char **argv);
int bi_trap(int argc, char **argv);
int bi_jobs(int argc, char **argv);
int bi_fg(int argc, char **argv);
int bi_bg(int argc, char **argv);
int bi_wait(int argc, char **argv);
int bi_history(int argc, char **argv);
int bi_umask(int argc, char **argv);

/* ---- jobs (jobs.c) */
struct job;
struct job *job_new(pid_t pgid, const char *text, int foreground);
void job_add_proc(struct job *j, pid_t pid);
void job_started(struct job *j);	/* a background job: [n] pid */
int job_wait_fg(struct job *j);	/* exit status; stopped jobs stay */
void jobs_notify(void);		/* report finished/stopped bg jobs */
void jobs_reap(int block);
int jobs_stopped_count(void);
void jobs_init(void);
int job_control_active(void);
extern int tty_fd;
extern pid_t shell_pgid;
void job_child_setup(pid_t pgid, int foreground);
int jobs_wait_pid(pid_t pid, int *status);	/* for wait builtin */
int jobs_wait_all(void);
int signal_number(const char *name);
const char *signal_name(int sig);

/* ---- traps (trap.c) */
void trap_run_pending(void);
void trap_run_exit(void);
extern int trap_entry_status;	/* $? when the running trap began, or -1 */
int trap_exit_set(void);
void trap_child_reset(void);
extern volatile int pending_signals;
extern volatile int got_sigint;
void trap_set_interactive(int on);

/* ---- interactive input */
char *lineedit_read(const char *prompt, int *eof);	/* malloced line with \n */
void lineedit_init(void);
void history_init(void);
void history_add(const char *line);
int history_expand(const char *line, char **out);	/* 1 changed, -1 error */
int history_count(void);
const char *history_get(int i);		/* 0 oldest */
int history_base(void);			/* number of entry 0 */
char *prompt_expand(const char *ps);
void complete_line(const char *line, size_t cursor, struct arglist *matches,
		   size_t *word_start);

#endif
