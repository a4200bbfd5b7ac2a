#!/usr/bin/env bash
# The install test: NetStep installs the way users install it, and its views open there.
#   releng/install-test/run.sh [OUT]      (OUT defaults to releng/install-test/target/install-test)
# Needs the reactor's output: the platform-only Eclipse 4.29 product
# (releng/io.netstep.platform), the update site (releng/io.netstep.site) and the test-only
# repository with the check bundle (releng/install-test/repository). Maven runs it in
# `verify` of releng/install-test/repository.
#  1. copies the platform-only product (no NetStep in it) to OUT/eclipse;
#  2. runs its p2 director: io.netstep.feature from the project's update site ALONE, so every
#     third-party bundle NetStep needs must come from the site;
#  3. checks every plugin of the site's io.netstep.feature landed (plugins/ and bundles.info);
#  4. installs the check bundle from the test-only repository (a second director run);
#  5. starts the product (Xvfb unless DISPLAY is set): the check bundle switches to the Debug
#     perspective, opens every view NetStep contributes, saves OUT/<view id>.png and
#     OUT/workbench.png, writes OUT/views.txt and closes the workbench;
#  6. checks that every view id declared in bundles/*/plugin.xml opened as its own class and
#     that the workspace log has no error from a NetStep bundle.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/releng/install-test/target/install-test}"
PRODUCT="$ROOT/releng/io.netstep.platform/target/products/io.netstep.platform/linux/gtk/x86_64"
SITE="$ROOT/releng/io.netstep.site/target/repository"
CHECK_REPO="$ROOT/releng/install-test/repository/target/repository"

say() { echo "install-test: $*"; }
fail() { echo "install-test: FAILED: $*" >&2; exit 1; }

for d in "$PRODUCT/plugins" "$SITE/content.jar" "$CHECK_REPO"; do
  [[ -e "$d" ]] || fail "$d is missing: build the reactor first (./mvnw -B verify)"
done

# SWT writes ~/.swt and GTK ~/.cache.
if [[ -z "${HOME:-}" || ! -w "${HOME:-/nonexistent}" ]]; then
  export HOME="$OUT/home"
fi

rm -rf "$OUT"
mkdir -p "$OUT" "$HOME"
ECLIPSE="$OUT/eclipse"
cp -a "$PRODUCT" "$ECLIPSE"
LAUNCHER=("$ECLIPSE"/plugins/org.eclipse.equinox.launcher_*.jar)
[[ -f "${LAUNCHER[0]}" ]] || fail "no equinox launcher in $PRODUCT/plugins"

seconds() { echo $(( $(date +%s) - $1 )); }

# The product's own p2 director, installing into the product itself (as Install New
# Software does). Its log goes to a file; the tail is shown on failure.
director() {
  local log="$1"; shift
  local rc=0
  (cd "$ECLIPSE" && timeout 600 java -jar "${LAUNCHER[0]}" -nosplash -consoleLog \
      -application org.eclipse.equinox.p2.director "$@") > "$log" 2>&1 || rc=$?
  if [[ $rc != 0 ]]; then
    tail -n 40 "$log" >&2
    fail "p2 director exited $rc ($*); log: $log"
  fi
}

start=$(date +%s)
say "p2 director: io.netstep.feature from $SITE only"
director "$OUT/director-netstep.log" -repository "file:$SITE" -installIU io.netstep.feature.feature.group
say "installed in $(seconds "$start") s"

BUNDLES_INFO="$ECLIPSE/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"
missing=()
while read -r id; do
  compgen -G "$ECLIPSE/plugins/${id}_*.jar" > /dev/null || missing+=("$id (no jar)")
  grep -q "^${id}," "$BUNDLES_INFO" || missing+=("$id (not in bundles.info)")
done < <(python3 - "$SITE"/features/io.netstep.feature_*.jar <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
with zipfile.ZipFile(sys.argv[-1]) as jar:
    for p in ET.fromstring(jar.read("feature.xml")).iter("plugin"):
        print(p.get("id"))
PY
)
(( ${#missing[@]} == 0 )) || fail "not installed: ${missing[*]}"
say "every plugin of io.netstep.feature is installed ($(grep -c netstep "$BUNDLES_INFO") io.netstep bundles in bundles.info)"

start=$(date +%s)
say "p2 director: the test-only check bundle from $CHECK_REPO"
director "$OUT/director-check.log" -repository "file:$CHECK_REPO" -installIU io.netstep.installcheck

# The workbench: the check bundle does its work at startup and closes it.
run=(timeout 300 java "-Dnetstep.installcheck.out=$OUT" -Xmx1g -jar "${LAUNCHER[0]}"
     -nosplash -consoleLog -data "$OUT/workspace")
if [[ -z "${DISPLAY:-}" ]]; then
  command -v xvfb-run > /dev/null || fail "needs xvfb-run (apt-get install xvfb xauth) or a DISPLAY"
  run=(xvfb-run -a -s "-screen 0 1600x1000x24" "${run[@]}")
fi
start=$(date +%s)
say "starting the installed product"
rc=0
(cd "$ECLIPSE" && "${run[@]}") > "$OUT/workbench.log" 2>&1 || rc=$?
say "workbench ran $(seconds "$start") s, exit $rc"
RESULT="$OUT/views.txt"
[[ -f "$RESULT" ]] || { tail -n 40 "$OUT/workbench.log" >&2; fail "no $RESULT: the check bundle did not run (log: $OUT/workbench.log)"; }
cat "$RESULT"
[[ $rc == 0 ]] || fail "the workbench exited $rc (log: $OUT/workbench.log)"
grep -qx '# done' "$RESULT" || fail "the check did not finish (see $RESULT)"

# Every view the bundles declare must have opened.
problems=()
while read -r id; do
  grep -q "^${id}	[^	]*	ok	" "$RESULT" || problems+=("$id")
  [[ -s "$OUT/$id.png" ]] || problems+=("$id (no screenshot)")
done < <(python3 - "$ROOT"/bundles/*/plugin.xml <<'PY'
import sys, xml.etree.ElementTree as ET
for f in sys.argv[1:]:
    for ext in ET.parse(f).getroot().iter("extension"):
        if ext.get("point") == "org.eclipse.ui.views":
            for v in ext.iter("view"):
                print(v.get("id"))
PY
)
(( ${#problems[@]} == 0 )) || fail "views that did not open: ${problems[*]} (see $RESULT, $OUT/workbench.log)"
n=$(grep -c '	ok	' "$RESULT")
(( n > 0 )) || fail "no NetStep view was found in the installed product"

LOG="$OUT/workspace/.metadata/.log"
if [[ -f "$LOG" ]] && grep -q '^!ENTRY io\.netstep[^ ]* 4 ' "$LOG"; then
  grep -A3 '^!ENTRY io\.netstep[^ ]* 4 ' "$LOG" | head -n 40 >&2
  fail "NetStep logged errors in the installed product ($LOG)"
fi
say "OK: $n NetStep views opened in the installed product; screenshots in $OUT"
