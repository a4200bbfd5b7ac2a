#!/usr/bin/env python3
"""Rebuilds the committed seed corpus from real recordings (run by hand, not by CI).

  make_seeds.py REC.jsonl SESSION.pcapng BENCH.pcapng MQTT5.pcapng SERIAL_LOG_DIR

REC.jsonl / SESSION.pcapng: `netstep demo --record REC.jsonl --export-pcapng SESSION.pcapng`
(the reference firmware, mbedTLS TLS 1.2, through the virtual chip to a real mosquitto).
BENCH.pcapng: `bench/decode/make-capture.sh BENCH.pcapng 20` (Python/OpenSSL TLS 1.2 client).
MQTT5.pcapng: plain MQTT 5 between mosquitto_pub/mosquitto_sub and mosquitto (see README).
SERIAL_LOG_DIR: bundles/io.netstep.serial.tests/src/io/netstep/serial/tests/logs.
Each seed is in the input format of its fuzz target (see the targets' Javadoc).
"""
import json, os, struct, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
rec, session, bench, mqtt5, logs = sys.argv[1:6]


def write(target, name, data):
    os.makedirs(os.path.join(here, target), exist_ok=True)
    with open(os.path.join(here, target, name), "wb") as f:
        f.write(data)
    print("%s/%s: %d bytes" % (target, name, len(data)))


# ---- W5500: the firmware's SPI frames and the host answers, as a W5500SpiFuzz script ----
def spi_script(path):
    """The whole session as one script, and the list of its record boundaries."""
    out = bytearray()
    cuts = []
    last_t = None
    for line in open(path):
        o = json.loads(line)
        t = o.get("t_ns")
        if last_t is not None and t is not None and t - last_t > 2_000_000:
            ms = (t - last_t) // 1_000_000
            out += bytes([4, min(255, int(ms ** 0.5))])
        last_t = t
        kind = o["type"]
        cuts.append(len(out))
        if kind == "SpiFrame" and o["block"] >= 0:
            data = bytes.fromhex(o["data"])
            mosi = struct.pack(">H", o["offset"]) + bytes([o["block"] << 3 | (4 if o["write"] else 0) | o["om"]])
            mosi += data if o["write"] else bytes(len(data))
            # frames longer than one record continue in the same selection (bit 1: keep SCSn low)
            for i in range(0, len(mosi), 255):
                part = mosi[i:i + 255]
                more = i + 255 < len(mosi)
                chunk = 31 if len(part) > 64 else 0
                out += bytes([chunk << 3 | (2 if more else 0), len(part)]) + part
        elif kind == "Connect" and o.get("result") == "CONNECTED":
            out += bytes([5, 0 << 3 | o["socket"]])
        elif kind == "Bytes" and o.get("toChip"):
            data = bytes.fromhex(o["data"])
            for i in range(0, len(data), 16 * 255):
                part = data[i:i + 16 * 255]
                n = (len(part) + 15) // 16
                out += bytes([5, 3 << 3 | o["socket"], n]) + part.ljust(n * 16, b"\0")
        elif kind == "Closed":
            out += bytes([5, 4 << 3 | o["socket"]])
    return bytes(out), cuts


script, cuts = spi_script(rec)
write("w5500", "mbedtls-demo-session.bin", script)
# Short slices (whole records, about 3 KB each) fuzz faster than the 1700-frame session.
start, part = 0, 0
for c in cuts + [len(script)]:
    if c - start >= 3000 or (c == len(script) and c > start):
        write("w5500", "mbedtls-demo-part%02d.bin" % part, script[start:c])
        start, part = c, part + 1


def follow(pcap, proto, stream=0, extra=()):
    """Both directions of one stream as tshark's follow sees them (decrypted for tls)."""
    text = subprocess.run(["tshark", "-r", pcap, *extra, "-q", "-z", "follow,%s,raw,%d" % (proto, stream)],
                          capture_output=True, text=True, check=True).stdout
    c2s, s2c = bytearray(), bytearray()
    body = text.split("=" * 67)[1] if text.count("=" * 67) >= 2 else ""
    for line in body.splitlines():
        if not line.strip() or ":" in line:
            continue
        (s2c if line.startswith("\t") else c2s).extend(bytes.fromhex(line.strip()))
    return bytes(c2s), bytes(s2c)


# ---- TLS: [split hi][split lo][chunk seed] client stream, server stream ----
for name, pcap in (("mbedtls12-session.bin", session), ("openssl12-aesgcm-session.bin", bench)):
    c2s, s2c = follow(pcap, "tcp")
    write("tls", name, struct.pack(">H", len(c2s)) + b"\x05" + c2s + s2c)
    if name.startswith("mbedtls"):
        # The same session with an all-zero client random: TlsFuzz's key log then matches,
        # so the (wrong-key) decryption paths run too. Offset 11: record 5 + handshake 4 + version 2.
        zeroed = c2s[:11] + bytes(32) + c2s[43:]
        write("tls", "mbedtls12-session-zero-random.bin", struct.pack(">H", len(c2s)) + b"\x85" + zeroed + s2c)

# ---- MQTT: [chunking][mode: bit 0 direction, bits 1-2 level (auto, 3.1.1, 5)] stream ----
port_args = ("-d", "tcp.port==18893,tls", "-d", "tls.port==18893,mqtt")
for name, pcap, proto, extra, level in (("mbedtls-demo", session, "tls", (), 0),
                                         ("python-311", bench, "tls", port_args, 1),
                                         ("mosquitto-v5", mqtt5, "tcp", (), 2)):
    c2s, s2c = follow(pcap, proto, 0, extra)
    write("mqtt", name + "-c2s.bin", bytes([7, level << 1]) + c2s[:4096])
    write("mqtt", name + "-s2c.bin", bytes([1, level << 1 | 1]) + s2c[:4096])

# ---- captures: as they are (pcapng with DSB), and the first packets as classic pcap ----
write("capture", "netstep-export.pcapng", open(session, "rb").read())
write("capture", "openssl12-head.pcapng", open(bench, "rb").read()[:12000])
pcap = subprocess.run(["editcap", "-F", "pcap", "-r", mqtt5, "-", "1-12"], capture_output=True, check=True).stdout
write("capture", "mosquitto-v5.pcap", pcap)

# ---- serial logs: small real ones whole, the head of larger ones ----
for name, lines in (("mbedtls228-in-buf-1024-level1.log", None), ("mbedtls228-wrong-ca-level2.log", None),
                    ("wolfssl554-bad-ca.log", None), ("mbedtls228-bug-f2-level3.log", 160),
                    ("wolfssl554-ok-tls13.log", 120)):
    text = open(os.path.join(logs, name), "rb").read()
    if lines:
        text = b"\n".join(text.split(b"\n")[:lines]) + b"\n"
    write("serial", name, text)
