/*
 * badargs.c - negative and out-of-range process ids and groups handed to
 * the calls that look them up.  Linux rejects each with an errno; a kernel
 * that indexes a table with them may crash, so this program runs last.
 */
#include "jc.h"
#include <limits.h>

static void on_terminal(int tty)
{
	signal(SIGTTOU, SIG_IGN);
	check_err("bad-tcsetpgrp-negative-einval", tcsetpgrp(tty, -1), EINVAL);
	check_err("bad-tcsetpgrp-intmin-einval", tcsetpgrp(tty, INT_MIN), EINVAL);
	check("bad-tcsetpgrp-left-alone", tcgetpgrp(tty) == getpgrp(),
	      "tcgetpgrp %d", (int)tcgetpgrp(tty));
}

int main(void)
{
	check_err("bad-getpgid-negative-esrch", getpgid(-2), ESRCH);
	check_err("bad-getsid-negative-esrch", getsid(-2), ESRCH);
	check_err("bad-getpgid-huge-esrch", getpgid(INT_MAX), ESRCH);
	check_err("bad-setpgid-negative-pid-einval", setpgid(-2, 0), EINVAL);
	check_err("bad-kill-intmin-esrch", kill(INT_MIN, 0), ESRCH);
	check_err("bad-kill-huge-esrch", kill(INT_MAX, 0), ESRCH);
	check_err("bad-kill-bad-signal-einval", kill(getpid(), 65), EINVAL);
	check_err("bad-waitpid-huge-echild", waitpid(INT_MAX, 0, WNOHANG), ECHILD);
	check_err("bad-waitpid-flags-einval", waitpid(-1, 0, 0x4000), EINVAL);
	jc_session("badargs", on_terminal);
	return 0;
}
