# Positional parameters above 9 need braces: ${10} is the tenth, $10 is
# ${1} followed by 0 (XCU 2.5.1).
p() { printf '<%s>' "$@"; echo; }
set -- a b c d e f g h i j k l
p ${10} ${11} $10 $11 "${12}" "$12" ${010}
p ${#10} ${10:-x} ${13:-none} ${12#l} "${11+set}" ${#} "$#"
f() { p $# ${10} ${11} $10; }
f 1 2 3 4 5 6 7 8 9 ten eleven
set -- 1 2 3 4 5 6 7 8 9 10
shift; p ${9} ${10-unset} $9
x=${10-x}${9}; p "$x"
for i in 9 10; do eval "p \${$i-none}"; done
