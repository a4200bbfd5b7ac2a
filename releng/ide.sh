#!/usr/bin/env bash
# `netstep ide [WORKSPACE] [eclipse args...]`: starts the Eclipse 4.29 workbench with NetStep
# (releng/io.netstep.product), building it first when it is missing or with --rebuild.
# The workspace defaults to ~/.netstep/workspace; it opens in the Debug perspective.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRODUCT="$ROOT/releng/io.netstep.product/target/products/io.netstep.ide/linux/gtk/x86_64"
say() { echo "netstep ide: $*" >&2; }

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/javac ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
rebuild=0
if [[ "${1:-}" == --rebuild ]]; then rebuild=1; shift; fi
if (( rebuild )) || ! compgen -G "$PRODUCT/plugins/org.eclipse.equinox.launcher_*.jar" > /dev/null; then
  say "building the workbench (Eclipse 4.29 + NetStep, tests skipped); about a minute when warm"
  log="$ROOT/releng/io.netstep.product/ide-build.log"
  start=$(date +%s)
  if ! (cd "$ROOT" && ./mvnw -B -DskipTests -pl releng/io.netstep.product -am package) 2>&1 | tee "$log" \
       | awk '/^\[INFO\] Building .*\[[0-9]+\/[0-9]+\]$/ { sub(/^\[INFO\] Building /, "netstep ide: building "); print; fflush() }' >&2 \
     || ! grep -q 'BUILD SUCCESS' "$log"; then
    tail -n 40 "$log" >&2
    say "the build failed (full log: $log)"
    exit 1
  fi
  say "built in $(( $(date +%s) - start )) s"
fi

WORKSPACE="$HOME/.netstep/workspace"
if [[ $# -gt 0 && "$1" != -* ]]; then WORKSPACE="$1"; shift; fi
mkdir -p "$WORKSPACE"
LAUNCHER=("$PRODUCT"/plugins/org.eclipse.equinox.launcher_*.jar)
say "workspace $WORKSPACE"
exec java -Xmx2g -jar "${LAUNCHER[0]}" -data "$WORKSPACE" -perspective org.eclipse.debug.ui.DebugPerspective "$@"
