#!/bin/sh
# A scripted editor, after kubectl's test_editor.sh. Usage:
#   fake-editor.sh DIR FILE
# Run N (1, 2, ...) copies FILE to DIR/seen.N, then replaces FILE with
# DIR/step.N when it exists (else leaves it as it was), and exits 3 when
# DIR/fail.N exists.
dir=$1
file=$2
n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$dir/count"
cp "$file" "$dir/seen.$n"
if [ -f "$dir/step.$n" ]; then cp "$dir/step.$n" "$file"; fi
if [ -f "$dir/fail.$n" ]; then exit 3; fi
exit 0
