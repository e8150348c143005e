# exit statuses, errors, set options, traps
$SH -c 'exit 3'; echo $?
$SH -c 'kill -TERM $$'; echo $?
$SH -c 'nosuchcommand_abc' 2>/dev/null; echo $?
touch noexec; $SH -c './noexec' 2>/dev/null; echo $?
$SH -c 'set -e; false; echo not-reached'; echo e=$?
$SH -c 'set -e; false || true; if false; then :; fi; ! true; echo survived'
$SH -c 'set -e; f() { false; echo in-f; }; f && echo after' ; echo $?
$SH -c 'set -u; echo $undefined_var' 2>/dev/null; echo u=$?
$SH -c 'echo ${x?custom message}' 2>/dev/null; echo q=$?
$SH -c 'trap "echo exiting" EXIT; echo body'
$SH -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after'
$SH -c 'set -x; echo traced' 2>&1
$SH -c 'echo $0 $1 $2' name a b
$SH -c 'set -f; echo *'
$SH -c 'x=5; unset x; echo ${x-gone}'
$SH -c 'f() { echo func; }; unset -f f; f' 2>/dev/null; echo $?
$SH -c 'exit' ; echo $?
$SH -c 'false; exit' ; echo $?
$SH -c 'echo a; exit 4; echo b'; echo $?
$SH -c 'set -- a b c; echo $#; shift; echo $*; set --; echo $#'
$SH -c 'echo "$(( 7 / 0 ))"' 2>/dev/null; echo div=$?
$SH -c 'false | false | true; echo $?'
$SH -c 'for i in 1 2 3; do echo $i; done > out.txt; wc -l < out.txt'
$SH -c 'cd /; pwd; cd /tmp && cd - >/dev/null; pwd >/dev/null; echo cd-ok'
$SH -c 'x=a; y=$x$x; echo $y; z="${x}b"; echo $z'
$SH -c 'a=1 b=2; echo $a$b'
$SH -c 'echo "${undefined:-default with spaces}"'
$SH -c 'v="a b  c"; set -- $v; echo $#'
$SH -c 'set -- "a b" c; IFS=; echo "$*"; IFS=-; echo "$*"'
$SH -c 'getopts ab: opt -a; echo $opt; OPTIND=1; while getopts "ab:c" o -a -b val -c rest; do echo "$o ${OPTARG-}"; done; echo $OPTIND'
$SH -c 'echo $(( 3 > 2 ? 10 : 20 )) $(( ~0 )) $(( !0 ))'
$SH -c 'x=10; : $((x += 5)); echo $x; : $((x <<= 1)); echo $x'
$SH -c 'wait; sleep 0 & wait $!; echo waited $?'
$SH -c '(exit 5) & wait $!; echo bg=$?'
$SH -c 'echo 1 && (echo 2; false) || echo 3'
$SH -c 'x=$(false); echo $?'
$SH -c 'f() { return; }; false; f; echo $?'
$SH -c 'for i in 1 2; do while true; do break 2; done; done; echo broke'
$SH -c 'echo $((010)) $((0x1F))'
$SH -c "printf '%b\n' 'a\tb'"
$SH -c 'read -r x <<EOF
back\slash
EOF
echo "$x"'
$SH -c 'read x <<EOF
back\slash
EOF
echo "$x"'
$SH -c 'echo "$@"' sh "a  b" c
$SH -c 'umask 027; umask'
$SH -c 'command echo hi; command -v cd'
$SH -c 'kill -l 15'
$SH -c 'exec echo exec-replaced; echo no'
$SH -c 'echo ${#x} ${x:-} '
$SH -c 'set -- a b c d e f g h i j k; echo ${10} ${11}'
$SH -c 'x=abcabc; echo ${x#*b} ${x##*b} ${x%b*} ${x%%b*}'
$SH -c 'x="a.b.c"; echo ${x%.*} ${x#*.}'
$SH -c 'unset IFS; x="a b"; set -- $x; echo $#'
