#!/usr/bin/env bash
# bench/run.sh — NetStep benchmark (prints figures; not a test, asserts nothing about speed).
#
#   bench/run.sh [-k FRAMES] [-n RUNS]
#
#   1. SPI frame round trip: native/bench/spi_roundtrip under `netstep run`, K frames of each
#      kind (1-byte register read, 2-byte register write, 1 KB RX buffer burst read), over the
#      Unix-socket bridge and over --tcp; median / p90 / p99 / max in microseconds.
#   2. TLS + MQTT connect: the reference firmware (mbedTLS 2.28, TLS 1.2) through the virtual
#      W5500 (netstep-fw-mbedtls under `netstep run`) and on plain POSIX sockets
#      (netstep-fw-posix-mbedtls), N runs each, alternating, against one real mosquitto with TLS
#      on 127.0.0.1 (throwaway openssl PKI); medians per phase and the ratio from this run.
#      Static address (--ip) for the comparison; DHCP (through the chip) and DNS (through the
#      chip / getaddrinfo) are reported on rows of their own, outside "connect".
#
# Times are host time (CLOCK_MONOTONIC), not NetStep's virtual clock. Everything listens on
# 127.0.0.1 only; everything started here is stopped on exit.
# Needs: cmake, gcc, java 17, the Java side built (see the netstep script), mosquitto, openssl,
# libmbedtls-dev, libwolfssl-dev (the firmware CMake project needs both).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NETSTEP="$ROOT/netstep"
BUILD="${NETSTEP_BENCH_BUILD:-$ROOT/native/build/bench-release}"   # own optimised build tree
K=20000      # SPI frames per kind
N=10         # connect runs per variant

usage() { echo "usage: $0 [-k SPI_FRAMES_PER_KIND] [-n CONNECT_RUNS]" >&2; exit 64; }
while getopts "k:n:h" opt; do
    case "$opt" in
        k) K="$OPTARG" ;;
        n) N="$OPTARG" ;;
        *) usage ;;
    esac
done
[[ "$K" =~ ^[1-9][0-9]*$ && "$N" =~ ^[1-9][0-9]*$ ]] || usage

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 1; }

for tool in cmake java mosquitto openssl python3 awk; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done

TMP="$(mktemp -d /tmp/netstep-bench-XXXXXX)"
BROKER_PID=""
cleanup() {
    if [[ -n "$BROKER_PID" ]]; then
        kill "$BROKER_PID" 2>/dev/null || true
        wait "$BROKER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build ---------------------------------------------------------------------------------
say "building native/ (RelWithDebInfo) in $BUILD"
cmake -S "$ROOT/native" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$TMP/cmake.log" 2>&1 \
    || { cat "$TMP/cmake.log" >&2; die "cmake configure failed"; }
cmake --build "$BUILD" -j2 --target spi_roundtrip netstep-fw-mbedtls netstep-fw-posix-mbedtls \
    >>"$TMP/cmake.log" 2>&1 || { tail -30 "$TMP/cmake.log" >&2; die "cmake build failed"; }
SPI_EXE="$BUILD/bench/spi_roundtrip"
FW_CHIP="$BUILD/firmware/netstep-fw-mbedtls"
FW_POSIX="$BUILD/firmware/netstep-fw-posix-mbedtls"
"$NETSTEP" help >/dev/null 2>&1 \
    || die "the netstep CLI cannot start (Java side not built?): run ./netstep demo once, or ./mvnw -B -DskipTests package"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
now_ms() { date +%s%N | awk '{printf "%.1f", $1 / 1e6}'; }

# Median / nearest-rank percentile of the numbers on stdin (one per line).
pctl() { sort -g | awk -v p="$1" '{v[NR] = $1} END {if (NR == 0) {print "n/a"; exit}
    r = int(p * NR + 0.999999); if (r < 1) r = 1; if (r > NR) r = NR; print v[r]}'; }
median() { pctl 0.5; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b + 0 > 0) printf "%.1fx", a / b; else print "n/a"}'; }

# ---- 1. SPI frame round trip -----------------------------------------------------------------
spi_run() {   # $1 = label, $2 = frames per kind, $3 = warm-up frames per kind, rest = netstep run options
    local label="$1" k="$2" warmup="$3"; shift 3
    local out="$TMP/spi-$label.txt"
    say "SPI: $k frames per kind over the $label bridge"
    # netstep exits 1 here by design (no socket reached ESTABLISHED): judge by our own lines.
    "$NETSTEP" run --timeout 300 "$@" -- "$SPI_EXE" "$k" "$warmup" >"$out" 2>"$TMP/spi-$label.err" || true
    grep -q '^fw| SPI frames=' "$out" || { cat "$out" "$TMP/spi-$label.err" >&2; die "spi_roundtrip over $label failed"; }
    sed -n 's/^fw| SPI kind=/'"$label"' /p; s/^fw| SPI frames=/'"$label"' total frames=/p' "$out" >>"$TMP/spi.txt"
}
: >"$TMP/spi.txt"
spi_run unix "$K" 2000
spi_run tcp "$K" 2000 --tcp
spi_run cold 200 0        # the first frames of a fresh session (JVM not warmed up), Unix socket

# ---- 2. TLS + MQTT connect -------------------------------------------------------------------
say "starting mosquitto with TLS on 127.0.0.1 (throwaway PKI in $TMP)"
PKI="$TMP/pki"
mkdir "$PKI"
(
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj "/CN=netstep bench CA"
    echo "subjectAltName=DNS:localhost,IP:127.0.0.1" >ext.cnf
    openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost"
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile ext.cnf
) >"$TMP/openssl.log" 2>&1 || { cat "$TMP/openssl.log" >&2; die "openssl failed"; }
# mosquitto drops root privileges: the throwaway files must stay readable for it.
chmod 755 "$TMP" "$PKI"
chmod 644 "$PKI"/*
PORT="$(free_port)"
cat >"$PKI/mosquitto.conf" <<EOF
per_listener_settings false
allow_anonymous true
log_dest stderr
listener $PORT 127.0.0.1
cafile $PKI/ca.crt
certfile $PKI/server.crt
keyfile $PKI/server.key
EOF
mosquitto -c "$PKI/mosquitto.conf" >/dev/null 2>"$TMP/mosquitto.log" &
BROKER_PID=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    kill -0 "$BROKER_PID" 2>/dev/null || { cat "$TMP/mosquitto.log" >&2; die "mosquitto did not start"; }
    sleep 0.05
done

FW_ARGS=(--broker "localhost:$PORT" --ca "$PKI/ca.crt" --wait-message 0 --timing)
: >"$TMP/timing-chip.txt"
: >"$TMP/timing-posix.txt"
connect_run() {   # $1 = chip|posix, $2 = run number
    local t0 t1 err="$TMP/connect-$1-$2.err" out="$TMP/connect-$1-$2.out" rc=0
    t0="$(now_ms)"
    if [[ "$1" == chip ]]; then
        # Static address on the virtual LAN; the name goes to the LAN's DNS server (192.168.77.1),
        # which netstep answers from --broker.
        "$NETSTEP" run --broker "127.0.0.1:$PORT" --timeout 60 -- "$FW_CHIP" "${FW_ARGS[@]}" \
            --ip 192.168.77.50 --dns 192.168.77.1 --client-id "bench-chip-$2" >"$out" 2>"$err" || rc=$?
    else
        timeout 60 "$FW_POSIX" "${FW_ARGS[@]}" --client-id "bench-posix-$2" >"$out" 2>"$err" || rc=$?
    fi
    t1="$(now_ms)"
    local line
    line="$(grep -ho 'TIMING .*' "$out" "$err" | head -1)"
    [[ $rc -eq 0 && -n "$line" ]] || { tail -20 "$out" "$err" >&2; die "$1 connect run $2 failed (exit $rc)"; }
    local frames
    frames="$(sed -n 's/^SPI frames: \([0-9]*\).*/\1/p' "$out" | head -1)"
    echo "${line#TIMING } wall_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') spi_frames=${frames:-0}" \
        >>"$TMP/timing-$1.txt"
}
say "connect: $N runs each, virtual W5500 and POSIX sockets alternating"
"$FW_POSIX" "${FW_ARGS[@]}" --client-id bench-warmup >/dev/null 2>&1 || true   # page cache, broker warm
for i in $(seq "$N"); do
    connect_run chip "$i"
    connect_run posix "$i"
done
# DHCP through the chip, reported on its own (a few runs: net_up then includes DHCP).
DHCP_RUNS=$(( N < 3 ? N : 3 ))
say "DHCP: $DHCP_RUNS runs through the virtual W5500"
: >"$TMP/timing-dhcp.txt"
for i in $(seq "$DHCP_RUNS"); do
    rc=0
    "$NETSTEP" run --broker "127.0.0.1:$PORT" --timeout 60 -- "$FW_CHIP" "${FW_ARGS[@]}" --dhcp \
        --client-id "bench-dhcp-$i" >"$TMP/dhcp-$i.out" 2>&1 || rc=$?
    line="$(grep -ho 'TIMING .*' "$TMP/dhcp-$i.out" | head -1)"
    [[ $rc -eq 0 && -n "$line" ]] || { tail -20 "$TMP/dhcp-$i.out" >&2; die "DHCP run $i failed (exit $rc)"; }
    echo "${line#TIMING }" >>"$TMP/timing-dhcp.txt"
done

# Values of one field (e.g. tls_handshake_ms) from a timing file, one per line; "connect_ms" is
# tcp_connect + tls_handshake + mqtt_connect of the same run.
field() {
    awk -v f="$2" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
        if (f == "connect_ms") print v["tcp_connect_ms"] + v["tls_handshake_ms"] + v["mqtt_connect_ms"];
        else print v[f]}' "$1"
}

# ---- 3. report -------------------------------------------------------------------------------
echo "NetStep benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
     "$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), Linux $(uname -r)," \
     "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "software: $(java -version 2>&1 | head -1), mosquitto $(mosquitto -h 2>&1 | awk 'NR == 1 {print $3}'),"\
     "mbedTLS $(dpkg-query -W -f '${Version}' libmbedtls-dev 2>/dev/null || echo '?'), gcc $(gcc -dumpversion)"
echo
echo "1. SPI frame round trip, $K frames per kind (interleaved, after 2000 of warm-up), microseconds"
printf '   %-8s %-8s %8s %8s %8s %9s %8s\n' bridge frame median p90 p99 max mean
awk '$2 != "total" {for (i = 3; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
     printf "   %-8s %-8s %8s %8s %8s %9s %8s\n", $1, $2, v["median_us"], v["p90_us"], v["p99_us"], v["max_us"], v["mean_us"]}' "$TMP/spi.txt"
awk '$2 == "total" {printf "   %s: %s frames in %s s of host time (%s frames/s)\n", $1, substr($3, 8), substr($4, 8), substr($5, 14)}' "$TMP/spi.txt"
echo "   read1 = 3-byte header + 1 byte read (VERSIONR); write2 = 3-byte header + 2 bytes (Sn_PORT);"
echo "   burst1k = 1024-byte read of socket 0's RX buffer. Unix socket: the shim does not wait for a"
echo "   write's answer (collected before the next answer), so write2 there is the cost firmware sees."
echo "   cold = the first 200 frames per kind of a fresh netstep run, no warm-up (Unix socket)."
echo
echo "2. TLS 1.2 + MQTT connect: reference firmware (mbedTLS), mosquitto with TLS on 127.0.0.1:$PORT,"
echo "   RSA 2048 test PKI, $N runs each, alternating; medians in ms"
printf '   %-30s %12s %12s %8s\n' phase "virtual W5500" "POSIX" ratio
for f in net_up_ms dns_ms tcp_connect_ms tls_handshake_ms mqtt_connect_ms connect_ms total_ms wall_ms; do
    c="$(field "$TMP/timing-chip.txt" "$f" | median)"
    p="$(field "$TMP/timing-posix.txt" "$f" | median)"
    case "$f" in
        net_up_ms) name="chip init + link (net_up)" ;;
        dns_ms) name="DNS (chip / getaddrinfo)" ;;
        tcp_connect_ms) name="TCP connect" ;;
        tls_handshake_ms) name="TLS handshake" ;;
        mqtt_connect_ms) name="MQTT CONNECT -> CONNACK" ;;
        connect_ms) name="connect = TCP + TLS + MQTT" ;;
        total_ms) name="program start -> CONNACK" ;;
        wall_ms) name="whole run (incl. netstep JVM)" ;;
    esac
    r="$(ratio "$c" "$p")"
    [[ "$f" == net_up_ms ]] && r="-"   # nothing to bring up on POSIX
    printf '   %-30s %12.2f %12.2f %8s\n' "$name" "$c" "$p" "$r"
done
echo "   connect p90: virtual W5500 $(field "$TMP/timing-chip.txt" connect_ms | pctl 0.9) ms," \
     "POSIX $(field "$TMP/timing-posix.txt" connect_ms | pctl 0.9) ms"
echo "   SPI frames per virtual W5500 run (whole run): median $(field "$TMP/timing-chip.txt" spi_frames | median)"
echo "   chip init + link with DHCP instead of --ip: $(field "$TMP/timing-dhcp.txt" net_up_ms | median) ms" \
     "(median of $DHCP_RUNS runs through the virtual W5500)"
echo "   Each row is the median over the runs of that row's figure (connect: of the per-run sums)."
echo "   Static address (--ip 192.168.77.50), no DHCP. 'whole run' also includes SUBSCRIBE, PUBLISH"
echo "   QoS 1, DISCONNECT and, for the virtual W5500, the JVM and session start of netstep run."
echo "   Every netstep run is a fresh JVM, so the chip and bridge code is still cold (interpreted)"
echo "   during the connect, unlike the SPI figures above, which are taken after a warm-up."
