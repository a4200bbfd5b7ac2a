#!/usr/bin/env bash
# The project's test command: builds the native side, then the whole Maven/Tycho reactor
# (bundles, all tests including the UI tests, the feature, the p2 site under
# releng/io.netstep.site/target/repository, the CLI libraries under releng/cli/target/lib),
# then fuzzes every parser for a bounded time (releng/fuzz/run.sh) and runs the native tests (ctest).
# Extra arguments go to Maven, e.g. ./test.sh -o  or  ./test.sh -pl bundles/io.netstep.w5500.tests -am
set -euo pipefail
cd "$(dirname "$0")"

# Tycho 4 and the target need JDK 17; prefer it when the machine has several JDKs.
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/javac ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi

# SWT writes ~/.swt and GTK ~/.cache: the UI tests need a writable HOME.
if [ -z "${HOME:-}" ] || [ ! -d "$HOME" ] || [ ! -w "$HOME" ]; then
  export HOME="$PWD/target/home"
  mkdir -p "$HOME"
fi

# The wolfSSL firmware's TLS 1.3 secrets need a libwolfssl with HAVE_SECRET_CALLBACK: Debian's
# own source package rebuilt once (a few minutes), cached in native/build/wolfssl-keylog. CI
# needs it (CI set): elsewhere a failure leaves the system library and those tests skipped.
if [ -x native/third_party/wolfssl-keylog.sh ]; then
  native/third_party/wolfssl-keylog.sh || case "${CI:-false}" in
    ""|false) echo "test.sh: going on with the system libwolfssl (wolfSSL TLS 1.3 sessions stay encrypted)" ;;
    *) exit 1 ;;
  esac
fi

if [ -f native/CMakeLists.txt ]; then
  echo "== native: cmake build"
  cmake -S native -B native/build > native-build.log 2>&1 \
    && cmake --build native/build -j2 >> native-build.log 2>&1 \
    || { tail -n 60 native-build.log; echo "native build failed (full log: native-build.log)"; exit 1; }
  echo "== native: built"
fi

# The console keeps warnings, errors, test output, Surefire's per-class and per-module
# result lines and the reactor summary; Maven's step-by-step [INFO] lines, passing
# per-method lines (Tycho's surefire always reports "plain") and the test JVM's command
# line go only to the full log, build.log.
quiet() {
  awk '
    /^\[INFO\]/ {
      if ($0 ~ /Building |Reactor Summary| SUCCESS \[| FAILURE \[| SKIPPED|BUILD (SUCCESS|FAILURE)|Total time|Tests run:/ \
          && $0 !~ /Building (jar|zip):/) { print; fflush() }
      next
    }
    / -- Time elapsed: [0-9.,]+ s$/ { next }
    /^\t\[\// { next }
    /No digest algorithm is available to verify download/ { next }
    { print; fflush() }
  '
}

if command -v xvfb-run > /dev/null; then
  run=(xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B -fae verify "$@")
elif [ -n "${DISPLAY:-}" ]; then
  run=(./mvnw -B -fae verify "$@")
else
  echo "test.sh: needs xvfb-run (apt-get install xvfb xauth) or a DISPLAY for the UI tests" >&2
  exit 1
fi
echo "== java: ${run[*]}"
java_rc=0
"${run[@]}" 2>&1 | tee build.log | quiet || java_rc=$?

# In CI every tool a test needs is installed (.ci/run), so a skipped test means something is
# missing that should not be: list each with its reason and fail. Developers (CI unset or
# "false") only see the list.
skip_rc=0
skipped="$(python3 - <<'PY'
import glob, xml.etree.ElementTree as ET
for f in sorted(glob.glob("bundles/*/target/surefire-reports/TEST-*.xml")):
    try:
        root = ET.parse(f).getroot()
    except ET.ParseError:
        continue
    for case in root.iter("testcase"):
        s = case.find("skipped")
        if s is not None:
            why = (s.get("message") or s.text or "").strip().splitlines()
            print("  %s.%s: %s" % (case.get("classname"), case.get("name"), why[0] if why else "(no reason given)"))
PY
)"
if [ -n "$skipped" ]; then
  echo "== skipped tests:"
  echo "$skipped"
  case "${CI:-false}" in
    ""|false) ;;
    *) echo "test.sh: tests were skipped in CI, where everything they need is installed" >&2; skip_rc=1 ;;
  esac
fi

# Coverage-guided fuzzing of every parser (Jazzer), a bounded time per target (seconds:
# NETSTEP_FUZZ_SECONDS, default 20; 0 skips). A finding fails the run and keeps its input
# under releng/fuzz/target/fuzz/<target>/artifacts (the path is printed).
fuzz_rc=0
fuzz_seconds="${NETSTEP_FUZZ_SECONDS:-20}"
if [ "$java_rc" = 0 ] && [ "$fuzz_seconds" != 0 ] && [ -d releng/fuzz/target/lib ]; then
  echo "== fuzz: releng/fuzz/run.sh $fuzz_seconds"
  NETSTEP_FUZZ_FRESH=1 releng/fuzz/run.sh "$fuzz_seconds" || fuzz_rc=$?
fi

# The C-level tests run after the Java build: chip_e2e drives the real chip through the
# netstep CLI and skips itself when the Java side is not built.
native_rc=0
if [ -f native/build/CTestTestfile.cmake ]; then
  echo "== native: ctest"
  ctest --test-dir native/build --output-on-failure || native_rc=$?
fi

if [ "$java_rc" != 0 ] || [ "$native_rc" != 0 ] || [ "$fuzz_rc" != 0 ] || [ "$skip_rc" != 0 ]; then
  echo "test.sh: FAILED (maven exit $java_rc, ctest exit $native_rc, fuzz exit $fuzz_rc, skipped in CI $skip_rc; full Maven log: build.log)" >&2
  exit 1
fi
