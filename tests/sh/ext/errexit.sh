# set -e inside a dot script run in a tested context is ignored too, as in
# bash (dash exits there, so this is not a posix/ case).
echo 'false; echo dot-ran' > dotted
$SH -c 'set -e; . ./dotted || echo or; echo end'
$SH -c 'set -e; if . ./dotted; then echo then; fi'
$SH -c 'set -e; . ./dotted; echo not-reached'; echo "-> $?"
