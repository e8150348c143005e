#!/bin/sh
# text.sh BINDIR: checks the text utilities found in BINDIR (sort uniq cut
# tr tee seq basename dirname cmp diff sed) against recorded expectations,
# which are what GNU coreutils, diffutils and sed print for the same input.
# Every check prints "PASS name" or "FAIL name: why".  Plain POSIX sh with
# no programs but the ones under test, like run.sh, so that it also runs
# inside the guest under our own shell.

case $1 in
'') echo "usage: text.sh bindir" >&2; exit 2 ;;
/*) B=$1 ;;
*) B=$(pwd)/$1 ;;
esac

T=${TMPDIR:-/tmp}/text-test.$$
"$B/rm" -rf "$T"
"$B/mkdir" -p "$T" || { echo "FAIL text-setup: cannot create $T"; exit 0; }
cd "$T" || exit 0
NL='
'
TAB='	'
ENOENT="No such file or directory"

pass() { echo "PASS text-$1"; }
fail() { echo "FAIL text-$1: $2"; }

# same NAME EXPECTED ACTUAL
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

# status NAME EXPECTED-STATUS COMMAND...: output discarded
status() {
	name=$1 want=$2
	shift 2
	"$@" >/dev/null 2>&1 </dev/null
	same "$name" "$want" "$?"
}

# usage_check NAME PROG STATUS BAD-ARGS...: a usage line on stderr and STATUS
usage_check() {
	name=$1 prog=$2 want=$3
	shift 3
	out=$("$B/$prog" "$@" 2>&1 >/dev/null </dev/null)
	st=$?
	case "$st:$out" in
	"$want:"*"usage: $prog"*) pass "$name" ;;
	*) fail "$name" "status $st (want $want), stderr '$out'" ;;
	esac
}

# bytes FILE: its size, to check newlines that $(...) would strip
bytes() {
	set -- $("$B/wc" -c < "$1")
	echo "$1"
}

printf 'b 10 x\na 2 y\nB 1 z\n  c 3 w\na 2 a\n-1.5 q\n10 r\n' > s
printf 'x:3:a\ny:1:b\nz:2:a\nw:1:a\n' > colon

# --- sort
same sort "  c 3 w${NL}-1.5 q${NL}10 r${NL}B 1 z${NL}a 2 a${NL}a 2 y${NL}b 10 x" "$("$B/sort" s)"
same sort-r "b 10 x${NL}a 2 y${NL}a 2 a${NL}B 1 z${NL}10 r${NL}-1.5 q${NL}  c 3 w" "$("$B/sort" -r s)"
same sort-n "-1.5 q${NL}  c 3 w${NL}B 1 z${NL}a 2 a${NL}a 2 y${NL}b 10 x${NL}10 r" "$("$B/sort" -n s)"
same sort-f "  c 3 w${NL}-1.5 q${NL}10 r${NL}a 2 a${NL}a 2 y${NL}B 1 z${NL}b 10 x" "$("$B/sort" -f s)"
same sort-k2n "-1.5 q${NL}10 r${NL}B 1 z${NL}a 2 a${NL}a 2 y${NL}  c 3 w${NL}b 10 x" "$("$B/sort" -k2,2n s)"
same sort-k2nr "b 10 x${NL}  c 3 w${NL}a 2 a${NL}a 2 y${NL}B 1 z${NL}-1.5 q${NL}10 r" "$("$B/sort" -k2,2nr s)"
same sort-k1-k2n "  c 3 w${NL}-1.5 q${NL}10 r${NL}B 1 z${NL}a 2 a${NL}a 2 y${NL}b 10 x" "$("$B/sort" -k1,1 -k2,2n s)"
same sort-b "-1.5 q${NL}10 r${NL}B 1 z${NL}a 2 a${NL}a 2 y${NL}b 10 x${NL}  c 3 w" "$("$B/sort" -b s)"
same sort-k3 "-1.5 q${NL}10 r${NL}a 2 a${NL}  c 3 w${NL}b 10 x${NL}a 2 y${NL}B 1 z" "$("$B/sort" -k3 s)"
same sort-t "y:1:b${NL}w:1:a${NL}z:2:a${NL}x:3:a" "$("$B/sort" -t: -k2,2n -s colon)"
same sort-t-last-resort "w:1:a${NL}y:1:b${NL}z:2:a${NL}x:3:a" "$("$B/sort" -t: -k2,2n colon)"
same sort-t-key-r "z:2:a${NL}x:3:a${NL}w:1:a${NL}y:1:b" "$("$B/sort" -t: -k3,3 -k1,1r colon)"
same sort-u-key "y:1:b${NL}z:2:a${NL}x:3:a" "$("$B/sort" -t: -k2,2n -u colon)"
same sort-u "a${NL}b" "$(printf 'b\na\nb\na\n' | "$B/sort" -u)"
same sort-stdin-no-newline "a${NL}b" "$(printf 'b\na' | "$B/sort")"
"$B/sort" -o colon colon
same sort-o-in-place "w:1:a${NL}x:3:a${NL}y:1:b${NL}z:2:a" "$("$B/cat" colon)"
printf 'a\nc\nb\n' > unsorted
same sort-c "sort: unsorted:3: disorder: b" "$("$B/sort" -c unsorted 2>&1)"
status sort-c-status 1 "$B/sort" -c unsorted
status sort-c-sorted 0 "$B/sort" -c colon
printf 'a\na\n' > dup
status sort-cu 1 "$B/sort" -cu dup
status sort-c-dup 0 "$B/sort" -c dup
same sort-missing "sort: nofile: $ENOENT" "$("$B/sort" nofile 2>&1)"
status sort-missing-status 2 "$B/sort" nofile
status sort-bad-key 2 "$B/sort" -k0 s
usage_check sort-usage sort 2 -Z

# --- uniq
printf 'a\na\nA\nb\nc\nc\nc\n' > u
same uniq "a${NL}A${NL}b${NL}c" "$("$B/uniq" u)"
same uniq-c "      2 a${NL}      1 A${NL}      1 b${NL}      3 c" "$("$B/uniq" -c u)"
same uniq-d "a${NL}c" "$("$B/uniq" -d u)"
same uniq-u "A${NL}b" "$("$B/uniq" -u u)"
same uniq-ic "      3 a${NL}      1 b${NL}      3 c" "$("$B/uniq" -ic u)"
same uniq-stdin "x" "$(printf 'x\nx\n' | "$B/uniq")"
printf 'x a 1\ny a 2\nz b 1\nw b 1\n' > uf
same uniq-f "      1 x a 1${NL}      1 y a 2${NL}      2 z b 1" "$("$B/uniq" -c -f2 uf)"
same uniq-s "x a 1${NL}y a 2${NL}z b 1" "$("$B/uniq" -s2 uf)"
same uniq-f-s "x a 1${NL}y a 2${NL}z b 1" "$("$B/uniq" -f1 -s1 uf)"
status uniq-bad-skip 1 "$B/uniq" -f x uf
"$B/uniq" -d u uout
same uniq-output-file "a${NL}c" "$("$B/cat" uout)"
same uniq-missing "uniq: nofile: $ENOENT" "$("$B/uniq" nofile 2>&1)"
usage_check uniq-usage uniq 1 -Z

# --- cut
printf 'a:b:c:d\nxyz\n1:2\n\n:x:\n' > c
same cut-f "b${NL}xyz${NL}2${NL}${NL}x" "$("$B/cut" -d: -f2 c)"
same cut-f-ranges "a:c:d${NL}xyz${NL}1${NL}${NL}:" "$("$B/cut" -d: -f1,3- c)"
same cut-s "a:b${NL}1:2${NL}:x" "$("$B/cut" -d: -s -f-2 c)"
same cut-b ":b${NL}yz${NL}:2${NL}${NL}x:" "$("$B/cut" -b2-3 c)"
same cut-c "abc:d${NL}xz${NL}12${NL}${NL}::" "$("$B/cut" -c 1,3,5- c)"
same cut-tab "two" "$(printf 'one\ttwo\tthree\n' | "$B/cut" -f2)"
status cut-decreasing 1 "$B/cut" -f3-1 c
status cut-zero 1 "$B/cut" -f0 c
same cut-missing "cut: nofile: $ENOENT" "$("$B/cut" -f1 nofile 2>&1)"
usage_check cut-usage cut 1
usage_check cut-usage2 cut 1 -f1 -b2

# --- tr
printf 'Hello, World 123\n\tfoo  bar\\baz\n' > t
same tr-range "HELLO, WORLD 123${NL}${TAB}FOO  BAR\\BAZ" "$("$B/tr" a-z A-Z < t)"
same tr-class "hELLO, wORLD 123" "$(echo 'Hello, World 123' | "$B/tr" '[:upper:][:lower:]' '[:lower:][:upper:]')"
same tr-d-digit "Hello, World " "$(echo 'Hello, World 123' | "$B/tr" -d '[:digit:]')"
same tr-d-space "Hello,World123foobar\\baz" "$("$B/tr" -d '[:space:]' < t)"
same tr-s "foo bar" "$(echo 'foo    bar' | "$B/tr" -s ' ')"
same tr-c "_ello___orld____${NL}_foo__bar_baz" "$("$B/tr" -c 'a-z\n' '_' < t)"
same tr-cd "HelloWorld${NL}foobarbaz" "$("$B/tr" -cd '[:alpha:]\n' < t)"
same tr-escapes "Hello, World 123${NL}Tfoo  barBbaz" "$("$B/tr" '\t\\' 'TB' < t)"
same tr-pad "xxllo" "$(echo abllo | "$B/tr" abc x)"
same tr-ds "helwrld" "$(echo 'hello world' | "$B/tr" -ds ' o' l)"
same tr-repeat "aXXXYXef" "$(echo abcdxdef | "$B/tr" 'bcdx' '[X*3]Y')"
same tr-octal "a-b" "$(echo 'a b' | "$B/tr" '\040' '-')"
same tr-newline "a b c" "$(printf 'a\nb\nc' | "$B/tr" '\n' ' ')"
status tr-reverse-range 1 "$B/tr" z-a x
status tr-bad-class 1 "$B/tr" '[:foo:]' x
usage_check tr-usage tr 1 a
usage_check tr-usage2 tr 1 -d

# --- tee
same tee-stdout "hi" "$(echo hi | "$B/tee" t1 t2)"
same tee-files "hi${NL}hi" "$("$B/cat" t1 t2)"
echo again | "$B/tee" -a t1 >/dev/null
same tee-a "hi${NL}again" "$("$B/cat" t1)"
same tee-bad-file "tee: nodir/x: $ENOENT" "$(echo x | "$B/tee" nodir/x 2>&1 >/dev/null)"
status tee-bad-file-status 1 "$B/tee" nodir/x
usage_check tee-usage tee 1 -Z

# --- seq
same seq-last "1${NL}2${NL}3" "$("$B/seq" 3)"
same seq-incr "1.0${NL}1.5${NL}2.0${NL}2.5${NL}3.0" "$("$B/seq" 1 0.5 3)"
same seq-down "3${NL}2${NL}1" "$("$B/seq" 3 -1 1)"
same seq-negative "-1.50${NL}-1.25${NL}-1.00" "$("$B/seq" -1.5 0.25 -1)"
same seq-decimal "0.1${NL}0.2${NL}0.3${NL}0.4${NL}0.5" "$("$B/seq" 0.1 0.1 0.5)"
same seq-incr-decimals "1.00${NL}3.50${NL}6.00" "$("$B/seq" 1 2.50 6)"
same seq-rounding "0.0${NL}0.1${NL}0.2${NL}0.3" "$("$B/seq" 0 0.1 0.3)"
same seq-minus-zero "-0.3${NL}-0.2${NL}-0.1${NL}0.0" "$("$B/seq" -0.3 0.1 0)"
same seq-w "08${NL}09${NL}10" "$("$B/seq" -w 8 10)"
same seq-w-negative "-5${NL}00${NL}05" "$("$B/seq" -w -5 5 5)"
same seq-s "1,2,3" "$("$B/seq" -s, 3)"
"$B/seq" -s: 2 > seqout
same seq-s-newline "4" "$(bytes seqout)"
same seq-empty "" "$("$B/seq" 5 1)"
status seq-zero-incr 1 "$B/seq" 1 0 2
same seq-bad "seq: invalid floating point argument: 'x'" "$("$B/seq" x 2>&1)"
usage_check seq-usage seq 1
usage_check seq-usage2 seq 1 1 2 3 4

# --- basename, dirname
same basename "b" "$("$B/basename" /a/b)"
same basename-slashes "b" "$("$B/basename" a/b//)"
same basename-root "/" "$("$B/basename" /)"
same basename-suffix "prog" "$("$B/basename" /src/prog.c .c)"
same basename-suffix-whole ".c" "$("$B/basename" .c .c)"
same basename-a "a${NL}b" "$("$B/basename" -a x/a y/b)"
same basename-s "a${NL}b" "$("$B/basename" -s .c a.c b.c)"
usage_check basename-usage basename 1
usage_check basename-usage2 basename 1 a b c
same dirname "/a" "$("$B/dirname" /a/b)"
same dirname-cases "a${NL}/${NL}/${NL}/${NL}.${NL}/a" "$("$B/dirname" a/b/ / // /a a /a//b//)"
usage_check dirname-usage dirname 1

# --- cmp
printf 'abc\n' > c1
printf 'abd\n' > c2
printf 'ab' > c3
printf 'abc\ndef' > c4
same cmp-differ "c1 c2 differ: byte 3, line 1" "$("$B/cmp" c1 c2)"
status cmp-differ-status 1 "$B/cmp" c1 c2
status cmp-same 0 "$B/cmp" c1 c1
same cmp-l "3 143 144" "$("$B/cmp" -l c1 c2)"
same cmp-s "" "$("$B/cmp" -s c1 c2 2>&1)"
status cmp-s-status 1 "$B/cmp" -s c1 c2
same cmp-eof "cmp: EOF on c1 after byte 4, line 1" "$("$B/cmp" c1 c4 2>&1)"
same cmp-eof-in-line "cmp: EOF on c3 after byte 2, in line 1" "$("$B/cmp" c1 c3 2>&1)"
same cmp-empty "cmp: EOF on - which is empty" "$("$B/cmp" c1 - < /dev/null 2>&1)"
same cmp-missing "cmp: nofile: $ENOENT" "$("$B/cmp" c1 nofile 2>&1)"
status cmp-missing-status 2 "$B/cmp" c1 nofile
usage_check cmp-usage cmp 2 -Z c1 c2
usage_check cmp-usage2 cmp 2

# --- diff
printf 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n' > d1
printf 'a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n' > d2
printf 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl' > d3
status diff-same 0 "$B/diff" d1 d1
status diff-differ 1 "$B/diff" d1 d2
same diff-normal "3c3${NL}< c${NL}---${NL}> C${NL}12a13${NL}> m" "$("$B/diff" d1 d2)"
same diff-normal-d "3d2${NL}< c" "$(printf 'a\nb\nd\ne\nf\ng\nh\ni\nj\nk\nl\n' | "$B/diff" d1 -)"
same diff-u "--- d1${NL}+++ d2${NL}@@ -1,6 +1,6 @@${NL} a${NL} b${NL}-c${NL}+C${NL} d${NL} e${NL} f${NL}@@ -10,3 +10,4 @@${NL} j${NL} k${NL} l${NL}+m" \
	"$("$B/diff" -u d1 d2 | "$B/sed" '1,2s/\t.*//')"
same diff-U1 "@@ -2,3 +2,3 @@${NL} b${NL}-c${NL}+C${NL} d${NL}@@ -12 +12,2 @@${NL} l${NL}+m" \
	"$("$B/diff" -U 1 d1 d2 | "$B/sed" '1,2d')"
same diff-U0 "@@ -3 +3 @@${NL}-c${NL}+C${NL}@@ -12,0 +13 @@${NL}+m" "$("$B/diff" -U0 d1 d2 | "$B/sed" 1,2d)"
same diff-merge "@@ -1,11 +1,11 @@${NL}-a${NL}+A${NL} b${NL} c${NL} d${NL} e${NL} f${NL} g${NL}-h${NL}+H${NL} i${NL} j${NL} k" \
	"$(printf 'A\nb\nc\nd\ne\nf\ng\nH\ni\nj\nk\nl\n' | "$B/diff" -u d1 - | "$B/sed" 1,2d)"
same diff-no-newline "@@ -9,4 +9,4 @@${NL} i${NL} j${NL} k${NL}-l${NL}+l${NL}\\ No newline at end of file" \
	"$("$B/diff" -u d1 d3 | "$B/sed" 1,2d)"
same diff-empty "@@ -0,0 +1,2 @@${NL}+x${NL}+y" "$(printf 'x\ny\n' | "$B/diff" -u /dev/null - | "$B/sed" 1,2d)"
same diff-to-empty "1,2d0${NL}< x${NL}< y" "$(printf 'x\ny\n' | "$B/diff" - /dev/null)"
same diff-shortest "2d1${NL}< x${NL}4a4${NL}> x" "$(printf 'a\nx\nb\nc\n' > m1; printf 'a\nb\nc\nx\n' | "$B/diff" m1 -)"
printf 'x\na\nx\na\nq\n' > m2
same diff-slide "3,4d2${NL}< x${NL}< a" "$(printf 'x\na\nq\n' | "$B/diff" m2 -)"
D9='[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
header=$("$B/diff" -u d1 d2 | "$B/sed" -n 1p)
case $header in
"--- d1${TAB}"[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]" "[0-2][0-9]:[0-5][0-9]:[0-6][0-9].$D9" "[-+][0-9][0-9][0-9][0-9])
	pass diff-header ;;
*) fail diff-header "got '$header'" ;;
esac
same diff-q "Files d1 and d2 differ" "$("$B/diff" -q d1 d2)"
same diff-binary "Binary files b1 and b2 differ" "$(printf 'a\000b' > b1; printf 'a\000c' > b2; "$B/diff" b1 b2)"
"$B/mkdir" dd
"$B/cp" d1 dd/d1
status diff-directory 0 "$B/diff" d1 dd
same diff-missing "diff: nofile: $ENOENT" "$("$B/diff" d1 nofile 2>&1)"
status diff-missing-status 2 "$B/diff" d1 nofile
usage_check diff-usage diff 2 d1
usage_check diff-usage2 diff 2 -j d1 d2

# --- sed
printf 'one\ntwo\nthree\nfour\nfive\nsix\n' > l
printf 'hello world\nfoo bar foo\nabc\n' > w
same sed-p "one${NL}one${NL}two${NL}two" "$("$B/sed" 2q l | "$B/sed" p)"
same sed-n-line "two" "$("$B/sed" -n 2p l)"
same sed-last "six" "$("$B/sed" -n '$p' l)"
same sed-range-d "one${NL}five${NL}six" "$("$B/sed" 2,4d l)"
same sed-negate "two${NL}three${NL}four" "$("$B/sed" '2,4!d' l)"
same sed-regex-range "one${NL}five${NL}six" "$("$B/sed" '/two/,/four/d' l)"
same sed-regex "two${NL}three" "$("$B/sed" -n '/t/p' l)"
same sed-q-status "one${NL}two${NL} 5" "$("$B/sed" 2q5 l; echo " $?")"
same sed-Q "one${NL}two" "$("$B/sed" 3Q l)"
same sed-equals "5${NL}five" "$("$B/sed" -n '/five/{=;p}' l)"
same sed-s "hell0 world${NL}f0o bar foo${NL}abc" "$("$B/sed" 's/o/0/' w)"
same sed-s-g "hell0 w0rld${NL}f00 bar f00${NL}abc" "$("$B/sed" 's/o/0/g' w)"
same sed-s-nth "hello w0rld${NL}fo0 bar foo${NL}abc" "$("$B/sed" 's/o/0/2' w)"
same sed-s-nth-g "hello w0rld${NL}fo0 bar f00${NL}abc" "$("$B/sed" 's/o/0/2g' w)"
same sed-s-I "hell0 w0rld${NL}f00 bar f00" "$("$B/sed" -n 's/O/0/Igp' w)"
same sed-backrefs "hello world${NL}bar foo foo${NL}abc" "$("$B/sed" 's/\(foo\) \(bar\)/\2 \1/' w)"
same sed-ampersand "<hello> <world>" "$("$B/sed" -n '1s/[a-z]*/<&>/gp' w)"
same sed-empty-matches "xaxcx" "$(echo abc | "$B/sed" 's/b*/x/g')"
same sed-E "hell[o] w[o]rld${NL}f[oo] b[a]r f[oo]${NL}[a]bc" "$("$B/sed" -E 's/(o+)|(a)/[\1\2]/g' w)"
same sed-gnu-escapes "f0 BaR fAB${NL}apb" "$(echo 'foo bar fab' | "$B/sed" 's/\<b/B/g;s/o\+/0/;s/ax\?b/AB/;s/r\>/R/'; echo 'a+b' | "$B/sed" 's/[\+]/p/')"
same sed-r "a-b" "$(echo ab | "$B/sed" -r 's/(a)(b)/\1-\2/')"
same sed-delim "a_b_c" "$(echo a/b/c | "$B/sed" 's|/|_|g')"
same sed-newline "a${NL}b" "$(echo a-b | "$B/sed" 's/-/\n/')"
same sed-y "hellx wxrld" "$("$B/sed" -n '1y/o/x/;1p' w)"
same sed-i "one${NL}inserted${NL}two" "$("$B/sed" -n '1p;2i\
inserted
2p' l)"
same sed-a "one${NL}appended${NL}two" "$("$B/sed" '1a appended' l | "$B/sed" 3q)"
same sed-a-e "one${NL}foo" "$("$B/sed" -e '1a\' -e foo -e 1q l)"
same sed-c-range "one${NL}changed${NL}four" "$("$B/sed" '2,3c\
changed' l | "$B/sed" 3q)"
same sed-block "TWO${NL}TWO" "$("$B/sed" -n '/two/{s/two/TWO/;p;p}' l)"
same sed-nested "one${NL}three" "$("$B/sed" -n '/one/,/three/{/two/!p}' l)"
same sed-N "one-two${NL}three-four${NL}five-six" "$("$B/sed" '$!N;s/\n/-/' l)"
same sed-tac "six${NL}five${NL}four${NL}three${NL}two${NL}one" "$("$B/sed" '1!G;h;$!d' l)"
same sed-join "one,two,three,four,five,six" "$("$B/sed" ':a;N;$!ba;s/\n/,/g' l)"
same sed-t "One yes${NL}twO yes${NL}three no" "$("$B/sed" 3q l | "$B/sed" 's/o/O/;ta;s/$/ no/;b;:a;s/$/ yes/')"
same sed-T "one${NL}two yes" "$("$B/sed" 2q l | "$B/sed" 's/w/w/;Tx;s/$/ yes/;:x')"
same sed-e-several "1${NL}2${NL}three" "$("$B/sed" -e 's/one/1/' -e 's/two/2/' -e 3q l)"
printf 's/one/1/\n3q\n' > script.sed
same sed-f "1${NL}two${NL}three" "$("$B/sed" -f script.sed l)"
same sed-s-files "six${NL}abc" "$("$B/sed" -s -n '$p' l w)"
same sed-files "abc" "$("$B/sed" -n '$p' l w)"
same sed-step "one${NL}three${NL}five" "$("$B/sed" '0~2d' l)"
same sed-plus "one${NL}four${NL}five${NL}six" "$("$B/sed" '/two/,+1d' l)"
same sed-l "a\\tb\\\\c\\001\$" "$(printf 'a\tb\\c\001\n' | "$B/sed" -n l)"
printf 'a' | "$B/sed" p > sedout
same sed-missing-newline "3" "$(bytes sedout)"
"$B/cp" l inplace
"$B/chmod" 640 inplace
"$B/sed" -i 's/o/0/g;3,$d' inplace
same sed-in-place "0ne${NL}tw0" "$("$B/cat" inplace)"
set -- $("$B/ls" -l inplace)
same sed-in-place-mode "-rw-r-----" "$1"
same sed-in-place-no-temp "inplace" "$("$B/ls" -a | "$B/grep" inplace)"
same sed-w "two" "$("$B/sed" -n '/two/w wout' l; "$B/cat" wout)"
same sed-r-file "one${NL}hello world${NL}foo bar foo${NL}abc${NL}two" "$("$B/sed" '1r w' l | "$B/sed" 5q)"
same sed-missing "sed: can't read nofile: $ENOENT${NL}one" "$("$B/sed" 1q nofile l 2>&1)"
status sed-missing-status 2 "$B/sed" p nofile
status sed-unknown-command 1 "$B/sed" k l
status sed-bad-reference 1 "$B/sed" 's/x/\3/' l
status sed-unmatched-brace 1 "$B/sed" '2{p' l
status sed-unterminated 1 "$B/sed" 's/a/b' l
status sed-y-lengths 1 "$B/sed" 'y/ab/c/' l
same sed-no-label "can't find label for jump to \`nolabel'" "$("$B/sed" 'b nolabel' l 2>&1 | "$B/sed" 's/.*: //')"
usage_check sed-usage sed 1
usage_check sed-usage2 sed 1 -Z p

cd /
"$B/rm" -rf "$T"
exit 0
