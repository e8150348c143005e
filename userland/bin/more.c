/*
 * more: page through text on a terminal.
 *   more [file ...]
 * A page is the terminal's height less the prompt line (TIOCGWINSZ, or
 * 24 rows when the terminal does not say).  After each page it shows
 * "--More--(NN%)" (the share of the file seen; plain "--More--" for a
 * pipe) and reads one key from /dev/tty, so the text itself may come
 * from standard input:
 *   space  next page        enter  next line
 *   b      back one page (files only)       q  quit
 * When standard output is not a terminal the text is copied through,
 * with a ":::" header before each file when there are several.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define DEFAULT_ROWS 24
#define DEFAULT_COLS 80
#define TAB_WIDTH 8
#define PERCENT 100
#define TTY_PATH "/dev/tty"
#define HEADER_RULE "::::::::::::::"
#define KEY_QUIT 'q'
#define KEY_BACK 'b'
#define KEY_PAGE ' '
#define PROMPT_START "\033[7m"	/* reverse video */
#define PROMPT_END "\033[m"
#define ERASE_LINE "\r\033[K"

struct pager {
	FILE *in;
	off_t size;		/* bytes, when in is a regular file, else 0 */
	long *starts;		/* file offset of each line seen so far */
	size_t nstarts, capacity;
	size_t next;		/* index of the next line to show */
	size_t top;		/* index of the first line on the screen */
	int rows, cols;		/* text rows per page, screen width */
};

static int tty_fd = -1;
static struct termios saved_termios;
static int termios_saved;

static void
usage(void)
{
	fprintf(stderr, "usage: more [file ...]\n");
	exit(1);
}

/* Screen rows a line takes, tabs expanded, long lines wrapped (pure). */
static int
rows_of(const char *line, size_t len, int cols)
{
	size_t col = 0;

	for (size_t i = 0; i < len && line[i] != '\n'; i++)
		col = line[i] == '\t' ? (col / TAB_WIDTH + 1) * TAB_WIDTH : col + 1;
	return col == 0 ? 1 : (int)((col + cols - 1) / cols);
}

static void
restore_tty(void)
{
	if (termios_saved)
		tcsetattr(tty_fd, TCSANOW, &saved_termios);
}

static void
on_signal(int sig)
{
	restore_tty();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Keys one at a time, unechoed; -1 if /dev/tty cannot be had. */
static int
open_keyboard(void)
{
	struct termios raw;

	tty_fd = open(TTY_PATH, O_RDONLY);
	if (tty_fd < 0 || tcgetattr(tty_fd, &saved_termios) < 0)
		return -1;
	raw = saved_termios;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(tty_fd, TCSANOW, &raw) < 0)
		return -1;
	termios_saved = 1;
	atexit(restore_tty);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGQUIT, on_signal);
	return 0;
}

static int
read_key(void)
{
	unsigned char key;

	fflush(stdout);
	return read(tty_fd, &key, 1) == 1 ? key : KEY_QUIT;
}

static void
screen_size(int *rows, int *cols)
{
	struct winsize ws;

	*rows = DEFAULT_ROWS;
	*cols = DEFAULT_COLS;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
		if (ws.ws_row > 1)
			*rows = ws.ws_row;
		if (ws.ws_col > 0)
			*cols = ws.ws_col;
	}
}

static void
remember_start(struct pager *p, size_t index, long offset)
{
	if (index < p->nstarts)
		return;
	if (p->nstarts == p->capacity) {
		p->capacity = p->capacity ? p->capacity * 2 : 1024;
		p->starts = realloc(p->starts, p->capacity * sizeof(*p->starts));
		if (p->starts == NULL) {
			fprintf(stderr, "more: %s\n", strerror(errno));
			exit(1);
		}
	}
	p->starts[p->nstarts++] = offset;
}

static int
at_end(FILE *in)
{
	int c = getc(in);

	if (c == EOF)
		return 1;
	ungetc(c, in);
	return 0;
}

/* Show lines from p->next until rows rows are full; 0 at end of input. */
static int
show(struct pager *p, int rows)
{
	static char *line;
	static size_t cap;
	ssize_t len;
	int used = 0;

	while (used < rows) {
		if (p->size > 0)
			remember_start(p, p->next, ftell(p->in));
		if ((len = getline(&line, &cap, p->in)) < 0)
			return 0;
		fwrite(line, 1, len, stdout);
		used += rows_of(line, len, p->cols);
		p->next++;
	}
	return !at_end(p->in);
}

/* The share of a regular file shown so far, for the prompt. */
static void
prompt(const struct pager *p)
{
	long pos = ftell(p->in);

	if (p->size > 0 && pos >= 0)
		printf(PROMPT_START "--More--(%d%%)" PROMPT_END,
		    (int)((long long)pos * PERCENT / p->size));
	else
		printf(PROMPT_START "--More--" PROMPT_END);
}

/* Back one page: re-show from a page above the current top. */
static int
back_page(struct pager *p)
{
	p->top = p->top > (size_t)p->rows ? p->top - p->rows : 0;
	if (p->top >= p->nstarts || fseek(p->in, p->starts[p->top], SEEK_SET) < 0)
		return 1;
	p->next = p->top;
	return show(p, p->rows);
}

static int
next_page(struct pager *p)
{
	p->top = p->next;
	return show(p, p->rows);
}

/* Page through one input; returns 0 when the user quit. */
static int
page_file(struct pager *p)
{
	int more = show(p, p->rows);

	while (more) {
		prompt(p);
		int key = read_key();
		fputs(ERASE_LINE, stdout);
		switch (key) {
		case KEY_QUIT:
		case 'Q':
			return 0;
		case '\n':
		case '\r':
			p->top++;
			more = show(p, 1);
			break;
		case KEY_BACK:
			if (p->size > 0)
				more = back_page(p);
			else	/* a pipe cannot go back */
				more = next_page(p);
			break;
		default:
			more = next_page(p);
			break;
		}
	}
	return 1;
}

static int
pass_through(FILE *in)
{
	char buf[BUFSIZ];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, stdout);
	return ferror(in) ? -1 : 0;
}

static void
header(const char *name)
{
	printf(HEADER_RULE "\n%s\n" HEADER_RULE "\n", name);
}

/* Between files on a terminal: ask before the next one. */
static int
next_file_prompt(const char *name)
{
	int key;

	printf(PROMPT_START "--More--(Next file: %s)" PROMPT_END, name);
	key = read_key();
	fputs(ERASE_LINE, stdout);
	return key != KEY_QUIT && key != 'Q';
}

static int
more_file(FILE *in, int paging, int rows, int cols)
{
	struct pager p = { in, 0, NULL, 0, 0, 0, 0, rows - 1, cols };
	struct stat st;
	int go_on;

	if (!paging)
		return pass_through(in) < 0 ? -1 : 1;
	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		p.size = st.st_size;
	go_on = page_file(&p);
	free(p.starts);
	return go_on;
}

int
main(int argc, char *argv[])
{
	int paging, rows, cols, status = 0, c;

	while ((c = getopt(argc, argv, "")) != -1)
		usage();
	paging = isatty(STDOUT_FILENO) && open_keyboard() == 0;
	screen_size(&rows, &cols);
	if (optind == argc)
		return more_file(stdin, paging, rows, cols) < 0;
	for (int i = optind; i < argc; i++) {
		FILE *in = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");

		if (in == NULL) {
			fprintf(stderr, "more: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (paging && i > optind && !next_file_prompt(argv[i]))
			break;
		if (argc - optind > 1)
			header(argv[i]);
		int go_on = more_file(in, paging, rows, cols);
		if (in != stdin)
			fclose(in);
		if (go_on < 0) {
			fprintf(stderr, "more: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else if (go_on == 0) {
			break;
		}
	}
	return fflush(stdout) != 0 ? 1 : status;
}
