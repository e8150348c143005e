# $? inside an EXIT trap is the status the shell is exiting with, however
# it exits (XCU 2.14 exit, trap).
t='trap "echo st=\$?" EXIT;'
for c in 'exit 3' 'false' 'true' 'exit' 'false; exit' \
 'set -e; false; echo no' 'set -e; (exit 4); echo no' \
 'nosuchcommand_exittrap 2>/dev/null' '/bin/sh -c "exit 6"' \
 'f() { exit 5; }; f' '(exit 6)' 'eval "exit 9"' 'x=$(exit 3)' \
 'set -e; x=$(exit 3); echo no' 'echo ${u?x} 2>/dev/null' \
 'set -u; : $u 2>/dev/null' 'set -e; false && true; echo here'
do
	$SH -c "$t $c" 2>/dev/null; echo "$c -> $?"
done
$SH -c 'trap "echo st=\$?; exit 7" EXIT; exit 3'; echo "-> $?"
$SH -c 'trap "echo st=\$?; false" EXIT; exit 3'; echo "-> $?"
$SH -c '(trap "echo sub=\$?" EXIT; exit 8); echo out=$?'
$SH -c 'trap "echo sig=\$?" USR1; false; kill -USR1 $$; echo after=$?'
$SH -c 'false; eval "echo eval=\$?"'
$SH -c 'trap "echo bye" EXIT; /bin/echo last'
# exit without an operand in a trap action exits with the $? the action
# started with, not that of the action's last command
$SH -c 'trap "false; exit" EXIT; exit 3'; echo "bare exit -> $?"
$SH -c 'trap "(exit 4); exit" EXIT; true'; echo "bare exit -> $?"
$SH -c 'trap "false; exit" USR1; kill -USR1 $$; echo not-reached'; echo "usr1 -> $?"
