#!/usr/bin/env bash
# bench/decode/run.sh [PUBLISHES] [RUNS]
#
# Decode + decrypt throughput, NetStep against tshark, on the same pcapng: one TLS 1.2
# ECDHE-RSA-AES128-GCM-SHA256 session to a real mosquitto on 127.0.0.1 carrying PUBLISHES
# MQTT PUBLISH packets (default 20000, QoS 0/1 alternating, plus the broker's PUBACKs), with
# the key log embedded as a Decryption Secrets Block (make-capture.sh records it fresh).
# Prints figures (not a test; nothing asserted about speed except that both count the same
# MQTT packets). Times are medians of RUNS (default 5) after warm-up:
#   netstep warm: DecodeBench inside one JVM (capture reader + TLS decode/decrypt + MQTT decode)
#   netstep cold: one `java ... DecodeBench FILE 0 1` process, JVM start included
#   tshark:       the whole command below, process start included (its start-up alone is
#                 measured on a 1-packet file and printed too)
# Needs: releng/fuzz built, mosquitto, openssl, tshark/dumpcap/editcap, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
publishes="${1:-20000}"
runs="${2:-5}"
port=18893
out="$here/target"
mkdir -p "$out"
pcap="$out/mqtt-tls12-aesgcm.pcapng"

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp="$root/releng/fuzz/target/classes:$root/releng/fuzz/target/lib/*"
[ -f "$root/releng/fuzz/target/classes/io/netstep/bench/DecodeBench.class" ] \
  || { echo "bench: build releng/fuzz first (./mvnw -B -pl releng/fuzz -am package)" >&2; exit 2; }

"$here/make-capture.sh" "$pcap" "$publishes" "$port" >&2
size=$(stat -c %s "$pcap")

tshark_cmd=(tshark -r "$pcap" -d "tcp.port==$port,tls" -d "tls.port==$port,mqtt" -Y mqtt -T fields -e mqtt.msgtype)
# One line per frame; a frame holding several MQTT packets lists their types comma-separated.
tshark_count() { "${tshark_cmd[@]}" 2>"$out/tshark.err" | tr ',' '\n' | grep -c .; }
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== tshark (warm-up, then $runs runs)" >&2
tshark_packets=$(tshark_count) || true
if grep -q 'Dissector bug' "$out/tshark.err"; then
  echo "bench: tshark could not dissect this capture (see $out/tshark.err)" >&2
  exit 1
fi
times=()
for _ in $(seq "$runs"); do
  t0=$(now); n=$(tshark_count); t1=$(now)
  [ "$n" = "$tshark_packets" ] || { echo "bench: tshark counted $n, then $tshark_packets" >&2; exit 1; }
  times+=($(( t1 - t0 )))
done
tshark_ns=$(printf '%s\n' "${times[@]}" | median)
tshark -r "$pcap" -c 1 -w "$out/one-packet.pcapng" 2>/dev/null
start_times=()
for _ in $(seq "$runs"); do
  t0=$(now); tshark -r "$out/one-packet.pcapng" -d "tcp.port==$port,tls" -d "tls.port==$port,mqtt" -Y mqtt \
    -T fields -e mqtt.msgtype > /dev/null 2>&1; t1=$(now)
  start_times+=($(( t1 - t0 )))
done
tshark_start_ns=$(printf '%s\n' "${start_times[@]}" | median)

echo "== netstep warm (in one JVM: 5 warm-up runs, then $runs)" >&2
warm=$("$java" -cp "$cp" io.netstep.bench.DecodeBench "$pcap" 5 "$runs")
echo "$warm" >&2
netstep_packets=$(sed -nE 's/.* mqtt_packets=([0-9]+).*/\1/p' <<< "$warm")
warm_s=$(sed -nE 's/.* median_s=([0-9.]+).*/\1/p' <<< "$warm")

echo "== netstep cold ($runs JVM processes)" >&2
cold_times=()
for _ in $(seq "$runs"); do
  t0=$(now); "$java" -cp "$cp" io.netstep.bench.DecodeBench "$pcap" 0 1 > /dev/null; t1=$(now)
  cold_times+=($(( t1 - t0 )))
done
cold_ns=$(printf '%s\n' "${cold_times[@]}" | median)

if [ "$netstep_packets" != "$tshark_packets" ]; then
  echo "bench: MQTT packet counts differ: netstep $netstep_packets, tshark $tshark_packets" >&2
  exit 1
fi

awk -v size="$size" -v n="$tshark_packets" -v ts="$tshark_ns" -v tst="$tshark_start_ns" \
    -v ws="$warm_s" -v cs="$cold_ns" -v pub="$publishes" -v file="$pcap" 'BEGIN {
  t = ts / 1e9; st = tst / 1e9; c = cs / 1e9;
  printf "capture: %s, %d bytes, %d MQTT packets (%d PUBLISH + PUBACKs), TLS 1.2 AES-128-GCM\n", file, size, n, pub
  printf "%-34s %10s %10s %12s\n", "decoder", "seconds", "MB/s", "packets/s"
  printf "%-34s %10.3f %10.2f %12.0f\n", "netstep (warm JVM, median)", ws, size / 1e6 / ws, n / ws
  printf "%-34s %10.3f %10.2f %12.0f\n", "netstep (cold JVM process)", c, size / 1e6 / c, n / c
  printf "%-34s %10.3f %10.2f %12.0f\n", "tshark (whole command)", t, size / 1e6 / t, n / t
  printf "%-34s %10.3f\n", "tshark start-up (1-packet file)", st
  printf "ratio netstep warm / tshark (throughput): %.2f\n", t / ws
  printf "ratio netstep cold / tshark (throughput): %.2f\n", t / c
  printf "ratio netstep warm / tshark minus start-up: %.2f\n", (t - st) / ws
}'
