"""Captures real mbedTLS 2.28 debug logs (stderr of the reference firmware's POSIX build,
`--tls-debug N`) against a real mosquitto with TLS on 127.0.0.1 and a throwaway PKI.

usage: capture_logs.py <native/firmware/app/test> <netstep-fw-posix-mbedtls> <out dir>
                       [<netstep-fw-posix-wolfssl> <dir of a debug libwolfssl.so>]

Writes one raw log per scenario. The committed test resources went through redact_log.py:
mbedTLS 2.28 dumps key material at levels 3 and 4 ('premaster secret', 'master secret',
'key block', 'ECDH: z'), so no raw capture may be committed.

wolfSSL: Debian's libwolfssl is built without DEBUG_WOLFSSL (wolfSSL_Debugging_ON() fails),
so the wolfSSL logs come from the same 5.5.4 source rebuilt with debugging, loaded through
LD_LIBRARY_PATH by the unchanged firmware:
    apt-get source wolfssl   (needs a deb-src entry; dpkg-dev autoconf automake libtool)
    ./autogen.sh && ./configure --enable-distro --enable-pkcs11 --disable-examples \
        --enable-debug --prefix=/tmp/wolfdbg && make && make install
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
from fwtest import ChunkProxy, Mosquitto, fw, make_pki  # noqa: E402

EXE, OUT = sys.argv[2], sys.argv[3]


def save(name, rc, out, err):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(err)
    with open(os.path.join(OUT, name + ".stdout"), "w") as f:
        f.write(f"exit {rc}\n{out}")
    print(name, "exit", rc, len(err.splitlines()), "lines")


def main():
    os.makedirs(OUT, exist_ok=True)
    broker = Mosquitto()
    d = broker.dir
    try:
        base = ["--broker", f"localhost:{broker.tls_port}", "--ca", f"{d}/ca.crt", "--wait-message", "2"]
        for level in (1, 2, 3, 4):
            save(f"ok-level{level}.log", *fw(EXE, *base, "--client-id", "cap-ok", "--tls-debug", str(level)))
        save("in-buf-1024-level3.log", *fw(EXE, *base, "--tls-in-buf", "1024", "--tls-debug", "3"))
        save("in-buf-1024-level1.log", *fw(EXE, *base, "--tls-in-buf", "1024", "--tls-debug", "1"))
        save("in-buf-1024-level4.log", *fw(EXE, *base, "--tls-in-buf", "1024", "--tls-debug", "4"))
        other = os.path.join(d, "other")
        os.makedirs(other)
        make_pki(other)
        save("wrong-ca-level2.log", *fw(EXE, "--broker", f"localhost:{broker.tls_port}", "--ca",
                                        f"{other}/ca.crt", "--tls-debug", "2"))
        proxy = ChunkProxy(broker.tls_port)
        save("bug-f2-level3.log", *fw(EXE, "--broker", f"localhost:{proxy.port}", "--ca", f"{d}/ca.crt",
                                      "--bug-f2", "--tls-debug", "3"))
        save("bug-f2-level4.log", *fw(EXE, "--broker", f"localhost:{proxy.port}", "--ca", f"{d}/ca.crt",
                                      "--bug-f2", "--tls-debug", "4"))
        save("bug-f1-level4.log", *fw(EXE, *base, "--bug-f1", "--tls-debug", "4", "--command-timeout", "1000"))
        if len(sys.argv) > 5:
            wolf, env = sys.argv[4], {"LD_LIBRARY_PATH": sys.argv[5]}
            save("wolfssl-ok-tls13.log", *fw(wolf, *base, "--tls-debug", "1", env=env))
            save("wolfssl-wrong-ca.log", *fw(wolf, "--broker", f"localhost:{broker.tls_port}", "--ca",
                                             f"{other}/ca.crt", "--tls-debug", "1", env=env))
            with open(os.path.join(d, "bad.pem"), "w") as f:
                f.write("-----BEGIN CERTIFICATE-----\nMIIBnotbase64!!\n-----END CERTIFICATE-----\n")
            save("wolfssl-bad-ca.log", *fw(wolf, "--broker", f"localhost:{broker.tls_port}", "--ca",
                                           f"{d}/bad.pem", "--tls-debug", "1", env=env))
    finally:
        broker.close()


if __name__ == "__main__":
    main()
