# set -e is ignored while a command's status is tested: in an if, while or
# until condition, on the left of && or ||, after !, and that holds for
# every command inside: subshells, groups, functions, eval and pipelines
# (XCU 2.14 set -e).  A command substitution is not tested.
for c in \
 '(false; echo in-sub) || echo or; echo end' \
 '(false; echo in-sub) && echo and; echo end' \
 '{ false; echo in-group; } || echo or; echo end' \
 'if (false; echo c); then echo then; fi; echo end' \
 'if { false; echo c; }; then echo then; fi; echo end' \
 '! (false; echo n); echo end' \
 '! { false; echo n; }; echo end' \
 'while (false; echo w; false); do :; done; echo end' \
 'until (false; echo u); do break; done; echo end' \
 'f() { false; echo in-f; }; f || echo or; echo end' \
 'f() { false; echo in-f; }; if f; then echo t; fi; echo end' \
 '(false) || echo or; (false); echo notreached' \
 '(set -e; false; echo x) || echo or' \
 '( (false; echo deep) ) || echo or' \
 'x=$(false; echo cs) || echo or; echo "[$x]"' \
 '{ (false; echo a) ; } && echo b' \
 'false || (false; echo r); echo end' \
 'true && (false; echo r2); echo end' \
 '! false; echo bang' \
 '{ false; echo x; } | cat || true; echo end' \
 'for i in 1; do false; echo loop; done || echo or' \
 'case x in x) false; echo cs;; esac && echo and' \
 'eval "false; echo ev" || echo or' \
 '(exit 3) && echo no; echo $?' \
 'g() { (false; echo fs); }; g && echo ok' \
 'false; echo not-reached'
do
	$SH -c "set -e; $c" 2>&1; echo "-> $?"
done
