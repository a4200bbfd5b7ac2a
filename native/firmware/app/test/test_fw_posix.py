"""The POSIX builds of the reference firmware against a real mosquitto with TLS on 127.0.0.1.

usage: test_fw_posix.py <netstep-fw-posix-mbedtls> <netstep-fw-posix-wolfssl>

Checks the flow and output of docs/contracts.md, mutual TLS, key export, the emulated
small TLS input buffer, and that the bug switches F1/F2 fail while the correct glue
succeeds when the broker's bytes arrive in small pieces with delays. Exits 77 (skipped)
when mosquitto or openssl is missing.
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
from fwtest import OK_OUT, ChunkProxy, Mosquitto, check, finish, free_port, fw, have_tools

MBED, WOLF = sys.argv[1], sys.argv[2]


def main():
    if not have_tools():
        print("mosquitto or openssl missing: skipped")
        return 77
    broker = Mosquitto()
    try:
        run_checks(broker.dir, broker.tls_port, broker.mtls_port, broker.plain_port)
    finally:
        broker.close()
    return finish("firmware (POSIX)")


def run_checks(d, tls_port, mtls_port, plain_port):
    ca = ["--ca", f"{d}/ca.crt"]
    base = ["--broker", f"localhost:{tls_port}", *ca, "--wait-message", "3"]
    ok_out = OK_OUT

    # the contract flow, both TLS libraries
    for exe, name in ((MBED, "mbedtls"), (WOLF, "wolfssl")):
        rc, out, err = fw(exe, *base, "--client-id", f"t-{name}")
        check(rc == 0 and out == ok_out, f"{name}: connect/subscribe/publish/receive", out + err)
    rc, out, err = fw(WOLF, *base, "--client-id", "t-wolf13")
    check("TLSv1.3" in err, "wolfssl negotiates TLS 1.3", err)

    rc, out, err = fw(MBED, "--broker", f"127.0.0.1:{plain_port}", "--no-tls", "--client-id", "t-plain")
    check(rc == 0 and out == ok_out, "--no-tls", out + err)

    # mutual TLS
    cert = ["--cert", f"{d}/client.crt", "--key", f"{d}/client.key"]
    rc, out, err = fw(MBED, "--broker", f"localhost:{mtls_port}", *ca, *cert, "--client-id", "t-mtls")
    check(rc == 0 and out == ok_out, "mutual TLS with a client certificate", out + err)
    rc, out, err = fw(MBED, "--broker", f"localhost:{mtls_port}", *ca, "--client-id", "t-nocert")
    check(rc == 3 and "FAIL tls-handshake" in err, "mutual TLS without a certificate fails in TLS", err)

    # wrong trust anchor: the server certificate is signed by our CA, not by the client cert
    rc, out, err = fw(MBED, "--broker", f"localhost:{tls_port}", "--ca", f"{d}/client.crt", "--client-id", "t-ca")
    check(rc == 3 and "-0x2700" in err, "untrusted server certificate: -0x2700", err)

    # nothing listening
    rc, out, err = fw(MBED, "--broker", f"127.0.0.1:{free_port()}", *ca)
    check(rc == 2 and "FAIL connect" in err, "refused TCP connect: exit 2", err)

    # key export: a CLIENT_RANDOM line in the key log file, the secret never on stdout/stderr
    keylog = os.path.join(d, "keylog.txt")
    rc, out, err = fw(MBED, *base, "--client-id", "t-keys", "--tls-debug", "1", env={"SSLKEYLOGFILE": keylog})
    lines = open(keylog).read().splitlines() if os.path.exists(keylog) else []
    check(rc == 0 and len(lines) == 1 and re.fullmatch(r"CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}", lines[0]),
          "mbedTLS key log line", "\n".join(lines))
    if lines:
        secret = lines[0].split()[2]
        check(secret not in out + err, "master secret never printed")

    # small TLS input buffer (F3): find the server's largest handshake record first
    rc, out, err = fw(MBED, *base, "--client-id", "t-size", "--tls-debug", "3", "--wait-message", "0")
    sizes = [int(m) for m in re.findall(r"input record: msgtype = 22, version = \[3:3\], msglen = (\d+)", err)]
    check(rc == 0 and sizes, "record sizes in the mbedTLS debug output", err[-2000:])
    if sizes:
        n = max(sizes)
        rc, out, err = fw(MBED, *base, "--tls-in-buf", str(n), "--client-id", "t-fits", "--wait-message", "0")
        check(rc == 0, f"--tls-in-buf {n} (= largest record) still connects", err)
        rc, out, err = fw(MBED, *base, "--tls-in-buf", str(n - 100), "--client-id", "t-7200")
        check(rc == 3 and "-0x7200" in err, f"--tls-in-buf {n - 100}: -0x7200 bad message length", err)
        rc, out, err = fw(MBED, *base, "--tls-in-buf", str(max(512, n - 1000)), "--client-id", "t-7100")
        check(rc == 3 and "-0x7100" in err, f"--tls-in-buf {n - 1000}: -0x7100 more data than fits", err)

    # F1 / F2 while the broker's bytes trickle in: correct glue passes, bug switches fail
    proxy = ChunkProxy(tls_port)
    slow = ["--broker", f"localhost:{proxy.port}", *ca, "--wait-message", "3", "--command-timeout", "2000"]
    for exe, name in ((MBED, "mbedtls"), (WOLF, "wolfssl")):
        rc, out, err = fw(exe, *slow, "--client-id", f"t-slow-{name}")
        check(rc == 0 and out == ok_out, f"{name}: correct glue with trickling bytes", out + err)
        rc, out, err = fw(exe, *slow, "--bug-f1", "--client-id", f"t-f1-{name}")
        check(rc == 4 and "FAIL mqtt-connect" in err and "CONNACK" not in out,
              f"{name} --bug-f1: CONNACK stranded in the TLS library", out + err)
    rc, out, err = fw(MBED, *slow, "--bug-f2", "--client-id", "t-f2")
    check(rc == 3 and "-0x7280" in err, "mbedtls --bug-f2: EOF in the handshake (-0x7280)", err)


if __name__ == "__main__":
    sys.exit(main())
