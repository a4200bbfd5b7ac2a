#!/usr/bin/env bash
# releng/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Coverage-guided fuzzing (Jazzer 0.24 standalone, libFuzzer inside) of every NetStep parser,
# SECONDS_PER_TARGET each (default 20, what test.sh runs in CI), two targets at a time
# (NETSTEP_FUZZ_JOBS). Targets: w5500 (SPI frames into the chip), tls, mqtt, capture
# (pcap/pcapng), serial (mbedTLS/wolfSSL debug logs).
# Each starts from the committed seeds in corpus/<target> plus what earlier runs added to
# target/fuzz/<target>/corpus; NETSTEP_FUZZ_FRESH=1 (test.sh sets it) starts from the seeds
# only, so a CI run does not spend its time replaying the corpus of earlier long runs.
# Limits: -rss_limit_mb=1024 (JVM heap 512 MB), -timeout=10 s per input. A finding
# (exception, broken invariant, hang, out-of-memory) stops that target, keeps the input under
# target/fuzz/<target>/artifacts/ (path printed, with a Java reproducer) and makes this
# script exit 1.
# Needs: releng/fuzz built (./mvnw -B -pl releng/fuzz -am package).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-20}"
shift || true

declare -A CLASS=(
  [w5500]=io.netstep.fuzz.W5500SpiFuzz
  [tls]=io.netstep.tls.fuzz.TlsFuzz
  [mqtt]=io.netstep.mqtt.fuzz.MqttFuzz
  [capture]=io.netstep.session.capture.fuzz.CaptureFuzz
  [serial]=io.netstep.serial.fuzz.SerialLogFuzz
)
# Inputs longer than the largest seed rarely find more; these bounds keep runs fast.
declare -A MAXLEN=([w5500]=8192 [tls]=8192 [mqtt]=4096 [capture]=16384 [serial]=16384)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(w5500 tls mqtt capture serial)

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
lib="$here/target/lib"
compgen -G "$lib/jazzer-*.jar" > /dev/null && [ -d "$here/target/classes" ] \
  || { echo "fuzz: releng/fuzz is not built (./mvnw -B -pl releng/fuzz -am package)" >&2; exit 2; }
cp="$here/target/classes:$lib/*"

# Sanitizer hooks for injection bugs (SQL, LDAP, deserialization, regex...) do not apply to
# these parsers and cost start-up time; the regex hooks also tracked every regex step of the
# log parser: serial ran at 16 exec/s with them, 56 without (mqtt 126 -> 265), with more
# coverage in the same time.
S=com.code_intelligence.jazzer.sanitizers
disabled="$S.ClojureLangHooks:$S.Deserialization:$S.ExpressionLanguageInjection:$S.LdapInjection"
disabled+=":$S.NamingContextLookup:$S.OsCommandInjection:$S.ReflectiveCall:$S.ScriptEngineInjection"
disabled+=":$S.ServerSideRequestForgery:$S.SqlInjection:$S.XPathInjection:$S.RegexInjection:$S.RegexRoadblocks"

fuzz_one() {
  local t="$1" class="${CLASS[$1]}" work="$here/target/fuzz/$1" rc=0
  if [ "${NETSTEP_FUZZ_FRESH:-0}" = 1 ]; then
    rm -rf "$work/corpus"
  fi
  mkdir -p "$work/corpus" "$work/artifacts"
  rm -f "$work"/artifacts/*
  # Jazzer's driver runs in this JVM; instrumentation (coverage, compare tracing) is limited
  # to NetStep's classes so BouncyCastle and the JDK do not dilute the coverage signal.
  (cd "$work" && "$java" -Xms64m -Xmx512m -XX:+UseSerialGC -cp "$cp" com.code_intelligence.jazzer.Jazzer \
      --target_class="$class" --instrumentation_includes='io.netstep.**' --disabled_hooks="$disabled" \
      --reproducer_path="$work/artifacts" \
      -artifact_prefix="$work/artifacts/" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
      -max_len="${MAXLEN[$t]}" -print_final_stats=1 \
      "$work/corpus" "$here/corpus/$t") > "$work/fuzz.log" 2>&1 || rc=$?
  echo "$rc" > "$work/exit"
}

report_one() {
  local t="$1" work="$here/target/fuzz/$1" rc done_line cov ft corp execs rate rss result=ok
  rc="$(cat "$work/exit")"
  done_line="$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$work/fuzz.log" | tail -n 1 || true)"
  cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<< "$done_line")"
  ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<< "$done_line")"
  corp="$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<< "$done_line")"
  execs="$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$work/fuzz.log")"
  rate="$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$work/fuzz.log")"
  rss="$(sed -nE 's/^stat::peak_rss_mb: *([0-9]+)/\1/p' "$work/fuzz.log")"
  if [ "$rc" != 0 ] || compgen -G "$work/artifacts/*" > /dev/null; then
    result="FINDING (exit $rc)"
    failed+=("$t")
  fi
  printf '%-8s %10s %8s %7s %7s %12s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
    "${corp:-?}" "${rss:-?}" "$result"
  if [ "$result" != ok ]; then
    grep -E -m 1 -A 25 '== Java Exception|ERROR: libFuzzer|timeout after' "$work/fuzz.log" | sed 's/^/    /' \
      || tail -n 30 "$work/fuzz.log"
    for a in "$work"/artifacts/*; do [ -e "$a" ] && echo "    kept: $a"; done
    echo "    log: $work/fuzz.log"
  fi
}

# Two targets at a time by default (the machine has two cores): NETSTEP_FUZZ_JOBS overrides.
jobs="${NETSTEP_FUZZ_JOBS:-2}"
for t in "${targets[@]}"; do
  [ -n "${CLASS[$t]:-}" ] || { echo "fuzz: unknown target $t (one of ${!CLASS[*]})" >&2; exit 2; }
done
echo "fuzz: ${targets[*]}: ${seconds} s each, $jobs at a time"
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz_one "$t" &
done
wait

failed=()
printf '%-8s %10s %8s %7s %7s %12s %8s  %s\n' target execs exec/s cov ft corpus rss_mb result
for t in "${targets[@]}"; do
  report_one "$t"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in: ${failed[*]}" >&2
  exit 1
fi
