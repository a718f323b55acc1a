# zentoo:test, run by bash inside a container of the packed stage3 itself
# (imported as an image), as root, with --network none. Zentoo copied to
# /var/tmp/zentoo-test: stage-checks.py, the machine's services list, the paths
# its overlay wrote (overlay.list) and its stacked tests/ (tests/boot/ is for the
# boot test and is not run here). Every result is a block of lines:
#   ##zentoo-test## begin KIND NAME
#   ##zentoo-test## end KIND STATUS CODE MICROSECONDS NAME
# After the checks' blocks, "##zentoo-test## checks CODE" gives stage-checks.py's
# exit code; the last line is "##zentoo-test## done": without it the run is broken.
# ZENTOO_TEST_DIR moves the directory, for the driver's own test on the host.
set -u
z=${ZENTOO_TEST_DIR:-/var/tmp/zentoo-test}
mark='##zentoo-test##'
# A script's output, ended by a newline so that the end line stays a line of its own.
show() { cat "$z/out"; if [ -s "$z/out" ] && [ -n "$(tail -c 1 "$z/out")" ]; then echo; fi; }
now() { local t=${EPOCHREALTIME/[.,]/}; echo "${t#0}"; }

# How stage-checks.py ended is a line of its own: Zentoo fails the machine when it
# is not 0 or a built-in check printed no block, since a check that did not run is
# no pass. Its stderr joins stdout, so that a traceback stays in order.
if command -v python3 >/dev/null 2>&1; then
  python3 "$z/stage-checks.py" --services "$z/services" --overlay "$z/overlay.list" 2>&1
  code=$?
else
  echo "the stage has no python3 to run Zentoo's checks with (a Gentoo stage3 has it for Portage)"
  code=127
fi
echo "$mark checks $code"

if [ -d "$z/tests" ]; then
  cd "$z/tests"
  find . -path ./boot -prune -o \( -type f -o -type l \) -print | sed 's|^\./||' | LC_ALL=C sort > "$z/scripts"
  while IFS= read -r name; do
    echo "$mark begin test $name"
    start=$(now)
    if [ ! -x "$z/tests/$name" ]; then
      echo "$name is not executable: tests/ holds executable scripts (chmod +x, with a #! line)"
      code=126
    elif command -v timeout >/dev/null 2>&1; then
      (cd / && exec timeout "${ZENTOO_TEST_TIMEOUT:-600}" "$z/tests/$name" </dev/null >"$z/out" 2>&1)
      code=$?
      show
      [ "$code" -eq 124 ] && echo "timed out after ${ZENTOO_TEST_TIMEOUT:-600} s"
    else
      (cd / && exec "$z/tests/$name" </dev/null >"$z/out" 2>&1)
      code=$?
      show
    fi
    end=$(now)
    if [ "$code" -eq 0 ]; then status=pass; else status=fail; fi
    echo "$mark end test $status $code $((end - start)) $name"
  done < "$z/scripts"
fi
echo "$mark done"
