show() { printf '%s' "$#:"; for a; do printf '[%s]' "$a"; done; echo; }
set --
show "$@"; show "x$@y"; show "$@" ""; show ${@}; show "${@}"; show "$*"; show $*
set -- "" "a b" ""
show "$@"; show $@; show "$*"; show $*; show "x$@y"; show "${@:-none}"
IFS=; show $*; show "$*"; IFS=:; show "$*"; unset IFS; show "$*"; show $*
IFS=' 	
'
set -- a b
show "$@$@"; show "$@"x"$@"
x='  a  b  '; show $x; show "$x"; show ${x}
y='a:b::c:'; IFS=:; show $y; IFS=' 	
'
z=''; show $z; show "$z"; show $z$z; show "$z$z"; show ''$z
show $(printf 'a b\nc')
show "$(printf 'a b\nc')"
e=; show ${e:-"a b"} ${e:-a b}
v="*"; show $v >/dev/null
mkdir -p gl && touch gl/a1 gl/a2 gl/.hid gl/b1
show gl/a*; show gl/*1; show "gl/a*"; show gl/[ab]1; show gl/?1; show gl/nomatch*; show gl/*
set -f; show gl/a*; set +f
show gl/\a*; q='gl/a*'; show $q; show "$q"
case gl/a1 in gl/a*) echo pat;; esac
t='[x]'; case x in $t) echo var-pattern;; esac; case x in "$t") echo no;; *) echo quoted-pattern-literal;; esac
