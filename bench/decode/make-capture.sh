#!/usr/bin/env bash
# bench/decode/make-capture.sh OUT.pcapng [PUBLISHES] [PORT]
#
# Records the benchmark capture: one TLS 1.2 session (ECDHE-RSA-AES128-GCM-SHA256) from a
# Python MQTT 3.1.1 client to a real mosquitto on 127.0.0.1:PORT, carrying PUBLISHES PUBLISH
# packets (QoS 0 and 1 alternating; the client waits for each PUBACK), captured with dumpcap
# on lo, then the client's NSS key log embedded as a Decryption Secrets Block
# (editcap --inject-secrets). Payloads are deterministic; keys and randoms are not.
# Needs: mosquitto, openssl, dumpcap/editcap (tshark), python3 (ssl.keylog_filename).
set -euo pipefail
out=$(realpath -m "${1:?usage: make-capture.sh OUT.pcapng [PUBLISHES] [PORT]}")
count=${2:-20000}
port=${3:-18893}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Throwaway PKI: one self-signed RSA server certificate.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -keyout "$work/server.key" -out "$work/server.crt" 2>/dev/null
# mosquitto started as root drops to user mosquitto: let it read the throwaway key.
chmod 755 "$work"; chmod 644 "$work/server.key"

cat > "$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
certfile $work/server.crt
keyfile $work/server.key
tls_version tlsv1.2
max_queued_messages 0
CONF
mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
pids+=($!)

dumpcap -i lo -f "tcp port $port" -w "$work/raw.pcapng" > "$work/dumpcap.log" 2>&1 &
dumpcap_pid=$!
pids+=($dumpcap_pid)
# Wait until both listen/capture (dumpcap announces its file once capturing); no probe
# connection, so the capture holds the one session only.
for _ in $(seq 50); do
  if grep -q "File:" "$work/dumpcap.log" 2>/dev/null && [ -n "$(ss -Hltn "sport = :$port")" ]; then break; fi
  sleep 0.1
done

KEYLOG="$work/keys.log" python3 - "$port" "$count" <<'PY'
import os, socket, ssl, struct, sys
port, count = int(sys.argv[1]), int(sys.argv[2])

def remaining(n):
    out = bytearray()
    while True:
        b, n = n % 128, n // 128
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)

def packet(first, body):
    return bytes([first]) + remaining(len(body)) + body

def utf8(s):
    b = s.encode()
    return struct.pack(">H", len(b)) + b

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.set_ciphers("ECDHE-RSA-AES128-GCM-SHA256")
ctx.keylog_filename = os.environ["KEYLOG"]
raw = socket.create_connection(("127.0.0.1", port))
raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s = ctx.wrap_socket(raw, server_hostname="localhost")
s.sendall(packet(0x10, utf8("MQTT") + bytes([4, 0x02]) + struct.pack(">H", 60) + utf8("netstep-bench")))
connack = s.recv(4)
assert connack[:1] == b"\x20" and connack[3] == 0, connack

def read_exactly(n):
    b = b""
    while len(b) < n:
        d = s.recv(n - len(b))
        if not d:
            raise SystemExit("broker closed the connection")
        b += d
    return b

for i in range(count):
    topic = "sensors/node%02d/telemetry" % (i % 16)
    payload = ('{"seq":%d,"temp":%.2f,"rssi":%d,"note":"%s"}' % (i, 20 + (i % 97) / 10, -40 - i % 50, "x" * (i % 64))).encode()
    qos = i % 2
    body = utf8(topic) + (struct.pack(">H", i % 65535 + 1) if qos else b"") + payload
    s.sendall(packet(0x30 | qos << 1, body))
    if qos:
        # Wait for the PUBACK, as an MCU client does: one TLS record per TCP segment, like
        # the real traffic (tshark also gives up on frames holding hundreds of records).
        ack = read_exactly(4)
        assert ack[0] == 0x40 and ack[2:4] == body[len(utf8(topic)):len(utf8(topic)) + 2], ack
s.sendall(packet(0xE0, b""))
s.close()

PY

sleep 1
kill -INT "$dumpcap_pid"
wait "$dumpcap_pid" || true
editcap --inject-secrets "tls,$work/keys.log" "$work/raw.pcapng" "$out"
echo "wrote $out ($(stat -c %s "$out") bytes, $count PUBLISH, port $port)"
