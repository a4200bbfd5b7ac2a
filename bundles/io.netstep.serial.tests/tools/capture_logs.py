"""Captures real mbedTLS 2.28 debug logs (stderr of the reference firmware's POSIX build,
`--tls-debug N`) against a real mosquitto with TLS on 127.0.0.1 and a throwaway PKI.

usage: capture_logs.py <native/firmware/app/test> <netstep-fw-posix-mbedtls> <out dir>

Writes one raw log per scenario; the committed test resources are trimmed copies of them
(level <= 3 only: level 4 dumps would hold key material).
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
    finally:
        broker.close()


if __name__ == "__main__":
    main()
