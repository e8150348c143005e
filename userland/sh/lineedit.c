/*
 * lineedit.c - the interactive line editor: one state struct (struct ed),
 * one refresh function that redraws the whole edit area, one key loop.
 *
 * The terminal is put in raw mode only while a line is being read.  Lines
 * longer than the terminal wrap over several rows; refresh remembers on
 * which row it left the cursor, climbs back to the first row, clears to the
 * end of the screen and writes the prompt and text again.  The width comes
 * from TIOCGWINSZ when a line starts and after a resize (SIGWINCH
 * interrupts the read, and the line is redrawn right away).  A serial
 * console has no window size (0 columns): then the terminal itself is
 * asked where the cursor is and where it lands when pushed to the far
 * right, with a short timeout and 80 columns if nothing answers.  Text is UTF-8: the cursor
 * moves, and characters are deleted, by whole code points.  On a dumb
 * terminal or a non-terminal, lines are read plainly.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "sh.h"

#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27
#define KEY_DEL 127
#define DEFAULT_COLS 80		/* when the terminal tells nothing */
#define QUERY_TIMEOUT_MS 500	/* for the cursor position report */
#define TYPEAHEAD_MAX 256	/* keys read while waiting for the report */

struct ed {
	struct str line;	/* the text; line.s is always allocated */
	size_t pos;		/* cursor, a byte offset at a code point start */
	const char *prompt;	/* the prompt's last line */
	int prompt_cols;
	int cols;
	int cursor_row;		/* row of the cursor after the last refresh */
	int hist_idx;		/* history entry shown; history_count() = new line */
	char *new_line;		/* the line being typed, kept while browsing */
	int last_key;
};

static int ed_fd = 0;
static struct termios orig_termios;
static char *kill_buf;
static volatile sig_atomic_t winch;
/* Keys that arrived before the terminal's cursor position report. */
static unsigned char typeahead[TYPEAHEAD_MAX];
static size_t typeahead_len, typeahead_pos;
static int query_unanswered;	/* the terminal never answered: stop asking */

static void on_winch(int sig)
{
	(void)sig;
	winch = 1;
}

static int lineedit_is_tty(void)
{
	const char *term = getenv("TERM");
	if (!isatty(ed_fd) || !isatty(1))
		return 0;
	return !term || (strcmp(term, "dumb") != 0);
}

void lineedit_init(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_winch;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
}

static int raw_on(void)
{
	if (tcgetattr(ed_fd, &orig_termios) < 0)
		return -1;
	struct termios raw = orig_termios;
	raw.c_iflag &= ~(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
	raw.c_lflag &= ~(ECHO | ICANON | IEXTEN | ISIG);
	raw.c_cflag |= CS8;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	return tcsetattr(ed_fd, TCSADRAIN, &raw);
}

static void raw_off(void)
{
	tcsetattr(ed_fd, TCSADRAIN, &orig_termios);
}

static void out(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(1, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= w;
	}
}

static void typeahead_add(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n && typeahead_len < sizeof typeahead; i++)
		typeahead[typeahead_len++] = s[i];
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* One byte of input within the deadline: 1, or 0 on timeout or error. */
static int read_until(unsigned char *c, long deadline)
{
	for (;;) {
		long left = deadline - now_ms();
		if (left <= 0)
			return 0;
		struct pollfd pfd = { .fd = ed_fd, .events = POLLIN };
		int r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		ssize_t n = read(ed_fd, c, 1);
		if (n == 1)
			return 1;
		if (n < 0 && errno == EINTR)
			continue;
		return 0;
	}
}

/* Reads the reply ESC [ row ; col R and returns col, or 0 on timeout.
 * Other bytes (keys typed meanwhile) are kept for read_key; when they fill
 * the buffer the rest stays unread, and a reply behind them comes late. */
static int read_cursor_report(void)
{
	long deadline = now_ms() + QUERY_TIMEOUT_MS;
	unsigned char seq[16], c;
	size_t n = 0;
	while (typeahead_len + n < sizeof typeahead && read_until(&c, deadline)) {
		seq[n++] = c;
		int ok = (n == 1 && c == KEY_ESC) || (n == 2 && c == '[') ||
			 (n > 2 && ((c >= '0' && c <= '9') || c == ';' || c == 'R'));
		if (!ok || n == sizeof seq) {
			/* not the report: keys, maybe the start of another one */
			typeahead_add(seq, n - 1);
			n = 0;
			if (c == KEY_ESC)
				seq[n++] = c;
			else
				typeahead_add(&c, 1);
			continue;
		}
		if (c != 'R')
			continue;
		seq[n - 1] = '\0';
		char *semi = strchr((char *)seq + 2, ';');
		if (semi)
			return atoi(semi + 1);
		typeahead_add(seq, n);
		n = 0;
	}
	typeahead_add(seq, n);
	return 0;
}

/* Asks the terminal for its width with cursor position reports (DSR 6):
 * the cursor's column, then its column after moving as far right as it
 * goes; then the cursor goes back.  Only plain CSI sequences are used. */
static int query_cols(void)
{
	static const char where[] = "\x1b[6n";
	static const char far_right[] = "\x1b[999C\x1b[6n";
	char back[32];
	out(where, sizeof where - 1);
	int start = read_cursor_report();
	if (start <= 0) {
		query_unanswered = 1;
		return 0;
	}
	out(far_right, sizeof far_right - 1);
	int cols = read_cursor_report();
	int n = start > 1 ? snprintf(back, sizeof back, "\r\x1b[%dC", start - 1)
			  : snprintf(back, sizeof back, "\r");
	out(back, n);
	if (cols <= 0)
		query_unanswered = 1;
	return cols;
}

static int term_cols(void)
{
	struct winsize ws;
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	int cols = query_unanswered ? 0 : query_cols();
	return cols > 0 ? cols : DEFAULT_COLS;
}

static int is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Display columns of text: one per code point, two for a control char. */
static int text_cols(const char *s, size_t n)
{
	int cols = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (is_cont(c))
			continue;
		cols += c < 32 || c == 127 ? 2 : 1;
	}
	return cols;
}

static void put_text(struct str *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c < 32 || c == 127) {
			str_putc(o, '^');
			str_putc(o, c == 127 ? '?' : c + '@');
		} else {
			str_putc(o, c);
		}
	}
}

static void refresh(struct ed *e)
{
	struct str o = {0};
	char seq[32];
	if (e->cursor_row > 0) {
		snprintf(seq, sizeof seq, "\x1b[%dA", e->cursor_row);
		str_puts(&o, seq);
	}
	str_puts(&o, "\r\x1b[J");
	str_puts(&o, e->prompt);
	put_text(&o, e->line.s, e->line.len);
	int total = e->prompt_cols + text_cols(e->line.s, e->line.len);
	int at = e->prompt_cols + text_cols(e->line.s, e->pos);
	int end_row = total / e->cols;
	/* A line that exactly fills its last row leaves the terminal's cursor
	 * in the margin; move it to the next row explicitly. */
	if (total > 0 && total % e->cols == 0)
		str_puts(&o, "\r\n");
	int row = at / e->cols, col = at % e->cols;
	if (end_row > row) {
		snprintf(seq, sizeof seq, "\x1b[%dA", end_row - row);
		str_puts(&o, seq);
	}
	str_putc(&o, '\r');
	if (col > 0) {
		snprintf(seq, sizeof seq, "\x1b[%dC", col);
		str_puts(&o, seq);
	}
	e->cursor_row = row;
	out(o.s, o.len);
	free(o.s);
}

static void insert(struct ed *e, const char *s, size_t n)
{
	struct str *l = &e->line;
	str_putn(l, s, n);	/* grow */
	memmove(l->s + e->pos + n, l->s + e->pos, l->len - n - e->pos);
	memcpy(l->s + e->pos, s, n);
	e->pos += n;
}

static void delete_range(struct ed *e, size_t from, size_t to)
{
	struct str *l = &e->line;
	memmove(l->s + from, l->s + to, l->len - to + 1);
	l->len -= to - from;
	if (e->pos > to)
		e->pos -= to - from;
	else if (e->pos > from)
		e->pos = from;
}

static void kill_range(struct ed *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	free(kill_buf);
	kill_buf = xstrndup(e->line.s + from, to - from);
	delete_range(e, from, to);
}

static size_t prev_char(struct ed *e, size_t p)
{
	if (p == 0)
		return 0;
	do
		p--;
	while (p > 0 && is_cont(e->line.s[p]));
	return p;
}

static size_t next_char(struct ed *e, size_t p)
{
	if (p >= e->line.len)
		return e->line.len;
	do
		p++;
	while (p < e->line.len && is_cont(e->line.s[p]));
	return p;
}

static int is_word_char(char c)
{
	return c != ' ' && c != '\t' && c != '/' && c != ';' && c != '|' && c != '&';
}

static size_t word_left(struct ed *e, size_t p)
{
	while (p > 0 && !is_word_char(e->line.s[p - 1]))
		p--;
	while (p > 0 && is_word_char(e->line.s[p - 1]))
		p--;
	return p;
}

static size_t word_right(struct ed *e, size_t p)
{
	while (p < e->line.len && !is_word_char(e->line.s[p]))
		p++;
	while (p < e->line.len && is_word_char(e->line.s[p]))
		p++;
	return p;
}

static void set_line(struct ed *e, const char *s)
{
	e->line.len = 0;
	str_puts(&e->line, s);
	e->pos = e->line.len;
}

static void history_move(struct ed *e, int dir)
{
	int n = history_count();
	int idx = e->hist_idx + dir;
	if (idx < 0 || idx > n)
		return;
	if (e->hist_idx == n) {
		free(e->new_line);
		e->new_line = xstrdup(e->line.s);
	}
	e->hist_idx = idx;
	set_line(e, idx == n ? (e->new_line ? e->new_line : "") : history_get(idx));
}

/* Reads one byte; 0 at end of input, -1 if interrupted by a resize. */
static int read_key(unsigned char *c)
{
	if (typeahead_pos < typeahead_len) {
		*c = typeahead[typeahead_pos++];
		if (typeahead_pos == typeahead_len)
			typeahead_pos = typeahead_len = 0;
		return 1;
	}
	for (;;) {
		ssize_t n = read(ed_fd, c, 1);
		if (n == 1)
			return 1;
		if (n < 0 && errno == EINTR) {
			if (winch) {
				winch = 0;
				return -1;
			}
			continue;
		}
		return 0;
	}
}

/* Ctrl-R: incremental search backwards through history. */
static int reverse_search(struct ed *e, unsigned char *key)
{
	struct str query = {0};
	str_puts(&query, "");
	int idx = history_count();
	const char *match = "";
	const char *saved_prompt = e->prompt;
	int saved_cols = e->prompt_cols;
	for (;;) {
		struct str p = {0};
		str_puts(&p, "(reverse-i-search)`");
		str_puts(&p, query.s);
		str_puts(&p, "': ");
		e->prompt = p.s;
		e->prompt_cols = text_cols(p.s, p.len);
		set_line(e, match);
		refresh(e);
		free(p.s);
		unsigned char c;
		int r = read_key(&c);
		if (r < 0)
			continue;
		if (r == 0)
			c = KEY_CTRL('G');
		int from = idx;
		if (c == KEY_DEL || c == KEY_CTRL('H')) {
			if (query.len)
				query.s[--query.len] = '\0';
			from = history_count();
		} else if (c == KEY_CTRL('R')) {
			from = idx - 1;
		} else if (c >= 32) {
			str_putc(&query, c);
			from = idx < history_count() ? idx : history_count() - 1;
		} else {
			e->prompt = saved_prompt;
			e->prompt_cols = saved_cols;
			free(query.s);
			if (c == KEY_CTRL('G') || c == KEY_CTRL('C')) {
				set_line(e, "");
				return 0;
			}
			*key = c;
			return 1;	/* the caller handles the key */
		}
		for (int i = from < history_count() ? from : history_count() - 1; i >= 0; i--) {
			if (strstr(history_get(i), query.s)) {
				idx = i;
				match = history_get(i);
				break;
			}
		}
	}
}

static void complete(struct ed *e)
{
	struct arglist m = {0};
	size_t start;
	complete_line(e->line.s, e->pos, &m, &start);
	int second = e->last_key == '\t';
	if (m.n == 0) {
		out("\a", 1);
		return;
	}
	/* Common prefix of all matches (they already carry escapes). */
	size_t common = strlen(m.v[0]);
	for (int i = 1; i < m.n; i++) {
		size_t k = 0;
		while (k < common && m.v[i][k] == m.v[0][k])
			k++;
		common = k;
	}
	size_t cur = e->pos - start;
	if (m.n == 1) {
		delete_range(e, start, e->pos);
		insert(e, m.v[0], strlen(m.v[0]));
		size_t l = strlen(m.v[0]);
		if (l && m.v[0][l - 1] != '/')
			insert(e, " ", 1);
	} else if (common > cur) {
		delete_range(e, start, e->pos);
		insert(e, m.v[0], common);
	} else if (second) {
		/* List the matches in columns under the line. */
		size_t width = 0;
		for (int i = 0; i < m.n; i++)
			if (strlen(m.v[i]) > width)
				width = strlen(m.v[i]);
		width += 2;
		int per_row = e->cols / (int)width;
		if (per_row < 1)
			per_row = 1;
		int rows = (m.n + per_row - 1) / per_row;
		struct str o = {0};
		int total = e->prompt_cols + text_cols(e->line.s, e->line.len);
		int down = total / e->cols - e->cursor_row;
		for (int k = 0; k < down; k++)
			str_puts(&o, "\n");
		str_puts(&o, "\r\n");
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < per_row; c++) {
				int i = c * rows + r;
				if (i >= m.n)
					continue;
				str_puts(&o, m.v[i]);
				if (c < per_row - 1 && i + rows < m.n)
					for (size_t k = strlen(m.v[i]); k < width; k++)
						str_putc(&o, ' ');
			}
			str_puts(&o, "\r\n");
		}
		out(o.s, o.len);
		free(o.s);
		e->cursor_row = 0;
	} else {
		out("\a", 1);
	}
	arglist_free(&m);
}

enum ed_result { ED_MORE, ED_DONE, ED_EOF, ED_CANCEL };

/* ESC [ row ; col R after query_cols gave up: the terminal does answer,
 * only slowly, so ask it again from the next line on. */
static void late_cursor_report(const char *params)
{
	if (strchr(params, ';'))
		query_unanswered = 0;
}

/* Escape sequences: ESC [ ... and ESC O ..., and Alt-key as ESC key. */
static void handle_escape(struct ed *e)
{
	unsigned char c, seq[16] = {0};
	if (read_key(&c) <= 0)
		return;
	if (c == 'b' || c == 'B') {
		e->pos = word_left(e, e->pos);
		return;
	}
	if (c == 'f' || c == 'F') {
		e->pos = word_right(e, e->pos);
		return;
	}
	if (c == 'd') {
		kill_range(e, e->pos, word_right(e, e->pos));
		return;
	}
	if (c == KEY_DEL) {
		kill_range(e, word_left(e, e->pos), e->pos);
		return;
	}
	if (c != '[' && c != 'O')
		return;
	size_t n = 0;
	do {
		if (read_key(&seq[n]) <= 0)
			return;
	} while (!(seq[n] >= 0x40 && seq[n] <= 0x7e) && ++n < sizeof seq - 1);
	char final = seq[n];
	seq[n] = '\0';
	int param = seq[0] >= '0' && seq[0] <= '9' ? atoi((char *)seq) : 0;
	int ctrl = n >= 3 && seq[n - 1] == '5';
	switch (final) {
	case 'A': history_move(e, -1); break;
	case 'B': history_move(e, 1); break;
	case 'C': e->pos = ctrl ? word_right(e, e->pos) : next_char(e, e->pos); break;
	case 'D': e->pos = ctrl ? word_left(e, e->pos) : prev_char(e, e->pos); break;
	case 'H': e->pos = 0; break;
	case 'F': e->pos = e->line.len; break;
	case 'R':
		late_cursor_report((char *)seq);
		break;
	case '~':
		if (param == 1 || param == 7)
			e->pos = 0;
		else if (param == 4 || param == 8)
			e->pos = e->line.len;
		else if (param == 3 && e->pos < e->line.len)
			delete_range(e, e->pos, next_char(e, e->pos));
		break;
	}
}

static enum ed_result handle_key(struct ed *e, unsigned char c)
{
	size_t p;
	switch (c) {
	case '\r': case '\n':
		return ED_DONE;
	case KEY_CTRL('C'):
		return ED_CANCEL;
	case KEY_CTRL('D'):
		if (e->line.len == 0)
			return ED_EOF;
		if (e->pos < e->line.len)
			delete_range(e, e->pos, next_char(e, e->pos));
		break;
	case KEY_DEL: case KEY_CTRL('H'):
		if (e->pos > 0)
			delete_range(e, prev_char(e, e->pos), e->pos);
		break;
	case KEY_CTRL('A'): e->pos = 0; break;
	case KEY_CTRL('E'): e->pos = e->line.len; break;
	case KEY_CTRL('B'): e->pos = prev_char(e, e->pos); break;
	case KEY_CTRL('F'): e->pos = next_char(e, e->pos); break;
	case KEY_CTRL('P'): history_move(e, -1); break;
	case KEY_CTRL('N'): history_move(e, 1); break;
	case KEY_CTRL('K'): kill_range(e, e->pos, e->line.len); break;
	case KEY_CTRL('U'): kill_range(e, 0, e->pos); break;
	case KEY_CTRL('W'):
		p = e->pos;
		while (p > 0 && (e->line.s[p - 1] == ' ' || e->line.s[p - 1] == '\t'))
			p--;
		while (p > 0 && e->line.s[p - 1] != ' ' && e->line.s[p - 1] != '\t')
			p--;
		kill_range(e, p, e->pos);
		break;
	case KEY_CTRL('Y'):
		if (kill_buf)
			insert(e, kill_buf, strlen(kill_buf));
		break;
	case KEY_CTRL('T'):
		if (e->pos > 0 && e->line.len > 1) {
			if (e->pos == e->line.len)
				e->pos = prev_char(e, e->pos);
			size_t a = prev_char(e, e->pos), b = next_char(e, e->pos);
			char tmp[8];
			size_t la = e->pos - a, lb = b - e->pos;
			if (la + lb <= sizeof tmp) {
				memcpy(tmp, e->line.s + e->pos, lb);
				memcpy(tmp + lb, e->line.s + a, la);
				memcpy(e->line.s + a, tmp, la + lb);
				e->pos = b;
			}
		}
		break;
	case KEY_CTRL('L'):
		out("\x1b[H\x1b[2J", 7);
		e->cursor_row = 0;
		break;
	case KEY_CTRL('I'):
		complete(e);
		break;
	case KEY_ESC:
		handle_escape(e);
		break;
	default:
		if (c >= 32) {
			char buf[4] = { (char)c };
			size_t n = 1, need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
			while (n < need && read_key((unsigned char *)&buf[n]) > 0)
				n++;
			insert(e, buf, n);
		}
	}
	return ED_MORE;
}

static char *edit(const char *prompt, int *eof)
{
	struct ed e;
	memset(&e, 0, sizeof e);
	str_puts(&e.line, "");
	e.cols = term_cols();
	/* Rows of a multi-line prompt before its last are written once. */
	const char *last_nl = strrchr(prompt, '\n');
	if (last_nl) {
		out(prompt, last_nl - prompt);
		out("\r\n", 2);
		prompt = last_nl + 1;
	}
	e.prompt = prompt;
	e.prompt_cols = text_cols(prompt, strlen(prompt));
	e.hist_idx = history_count();
	refresh(&e);
	enum ed_result r = ED_MORE;
	while (r == ED_MORE) {
		unsigned char c;
		int k = read_key(&c);
		if (k < 0) {
			e.cols = term_cols();
			refresh(&e);
			continue;
		}
		if (k == 0) {
			r = e.line.len ? ED_DONE : ED_EOF;
			break;
		}
		if (c == KEY_CTRL('R') && !reverse_search(&e, &c)) {
			refresh(&e);
			continue;
		}
		if (c == KEY_CTRL('R'))
			continue;
		r = handle_key(&e, c);
		e.last_key = c;
		if (r == ED_MORE)
			refresh(&e);
	}
	e.pos = e.line.len;
	refresh(&e);
	free(e.new_line);
	if (r == ED_CANCEL)
		out("^C", 2);
	out("\r\n", 2);
	*eof = r == ED_EOF;
	if (r == ED_EOF || r == ED_CANCEL) {
		free(e.line.s);
		if (r == ED_CANCEL)
			got_sigint = 1;
		return NULL;
	}
	str_putc(&e.line, '\n');
	return str_take(&e.line);
}

static char *plain_read(const char *prompt, int *eof)
{
	fputs(prompt, stderr);
	fflush(stderr);
	struct str b = {0};
	for (;;) {
		char c;
		ssize_t n = read(ed_fd, &c, 1);
		if (n < 0 && errno == EINTR) {
			if (got_sigint) {
				free(b.s);
				*eof = 0;
				fputc('\n', stderr);
				return NULL;
			}
			continue;
		}
		if (n <= 0)
			break;
		str_putc(&b, c);
		if (c == '\n')
			break;
	}
	*eof = b.len == 0;
	return b.len ? str_take(&b) : NULL;
}

char *lineedit_read(const char *prompt, int *eof)
{
	got_sigint = 0;
	if (!lineedit_is_tty() || raw_on() < 0)
		return plain_read(prompt, eof);
	char *line = edit(prompt, eof);
	raw_off();
	return line;
}
