"""The W5500 builds of the reference firmware on the virtual chip (`netstep run`), against a
real mosquitto with TLS on 127.0.0.1, with the network fault that trickles the broker's
bytes (chunk=7, 2 ms apart): the correct glue connects, --bug-f1 / --bug-f2 fail the way
failures.md describes, --tls-in-buf refuses the server's Certificate record.

usage: test_fw_w5500.py <netstep script> <netstep-fw-mbedtls> <netstep-fw-wolfssl>

Exits 77 (skipped) when mosquitto/openssl are missing or the Java side is not built
(NETSTEP_CLASSPATH unset and no compiled io.netstep.session.cli.Main): this test does not
start a Maven build.
"""
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
from fwtest import OK_OUT, Mosquitto, check, finish, have_tools

NETSTEP, MBED, WOLF = sys.argv[1], sys.argv[2], sys.argv[3]
ROOT = os.path.dirname(os.path.abspath(NETSTEP))
TRICKLE = ["--fault", "chunk=7,delay=2"]


def java_side_built():
    if os.environ.get("NETSTEP_CLASSPATH"):
        return True
    main = os.path.join(ROOT, "bundles/io.netstep.session/target/classes/io/netstep/session/cli/Main.class")
    lib = os.path.join(ROOT, "releng/cli/target/lib")
    return os.path.exists(main) and os.path.isdir(lib)


def netstep_run(broker, net_args, exe, *fw_args):
    p = subprocess.run([NETSTEP, "run", "--broker", f"127.0.0.1:{broker.tls_port}", "--timeout", "60",
                        *net_args, "--", exe, "--broker", "localhost", "--ca", f"{broker.dir}/ca.crt",
                        "--command-timeout", "3000", *fw_args],
                       capture_output=True, text=True, timeout=120)
    fw_out = "".join(line[4:] + "\n" for line in p.stdout.splitlines() if line.startswith("fw| "))
    return p.returncode, fw_out, p.stdout, p.stderr


def main():
    if not have_tools():
        print("mosquitto or openssl missing: skipped")
        return 77
    if not java_side_built():
        print("the Java side (netstep CLI) is not built: skipped")
        return 77
    broker = Mosquitto()
    try:
        for exe, name in ((MBED, "mbedtls"), (WOLF, "wolfssl")):
            rc, out, log, err = netstep_run(broker, TRICKLE, exe, "--client-id", f"w-ok-{name}")
            check(rc == 0 and out == OK_OUT, f"{name} on the virtual W5500, bytes trickling in", log + err)

        rc, out, log, err = netstep_run(broker, [], MBED, "--client-id", "w-keys")
        check(rc == 0 and "TLS key log lines received: 1" in log, "mbedTLS key export reaches the session", log)

        rc, out, log, err = netstep_run(broker, TRICKLE, MBED, "--bug-f1", "--client-id", "w-f1")
        check(rc == 4 and "FAIL mqtt-connect" in err and "CONNACK" not in out,
              "--bug-f1: CONNACK stranded in mbedTLS, MQTTConnect fails", log + err)

        rc, out, log, err = netstep_run(broker, TRICKLE, MBED, "--bug-f2", "--client-id", "w-f2")
        check(rc == 3 and "-0x7280" in err, "--bug-f2: handshake ends with -0x7280", log + err)

        rc, out, log, err = netstep_run(broker, [], MBED, "--tls-in-buf", "1024", "--client-id", "w-f3")
        check(rc == 3 and "-0x7100" in err, "--tls-in-buf 1024: the Certificate record does not fit", log + err)
    finally:
        broker.close()
    return finish("firmware (virtual W5500)")


if __name__ == "__main__":
    sys.exit(main())
