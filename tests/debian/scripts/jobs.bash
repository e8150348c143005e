# Job control in a script: background jobs, %1, wait, kill, $!, and a trap
# in a child that tells the parent through a fifo when it is ready (no
# timing involved).
set -m
(while :; do :; done) &
kill %1
wait %1
echo "killed status $?"
(exit 7) &
wait $!
echo "exit status $?"
mkfifo ready
(trap 'echo child-term > ready; exit 5' TERM; echo ready > ready; while :; do :; done) &
p=$!
read -r first < ready
kill -TERM "$p"
read -r second < ready
wait "$p"
echo "$first $second, status $?"
jobs
echo done
