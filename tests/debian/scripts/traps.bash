# Signal and pseudo-signal traps.
trap 'echo got USR1' USR1
kill -USR1 $$
echo after-kill
f() { trap 'echo return-trap' RETURN; echo in-f; }
f
trap - RETURN
(trap 'echo subshell-exit' EXIT; exit 3)
echo "subshell status $?"
trap 'echo err-trap' ERR
false
trap - ERR
trap 'echo main-exit' EXIT
echo end
