echo "script: $0 $*"
