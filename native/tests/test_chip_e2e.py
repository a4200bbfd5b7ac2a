"""chip_e2e under `netstep run`: the driver and shim against the real virtual chip and network.
Usage: test_chip_e2e.py CHIP_E2E NETSTEP_SCRIPT. Exit 77 (skipped) when the Java side is not built."""
import re
import socket
import subprocess
import sys
import threading


def echo_server():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)

    def serve(conn):
        with conn:
            try:
                while data := conn.recv(4096):
                    conn.sendall(data)
            except OSError:
                pass                            # the chip closed with RST: fine for an echo

    def accept():
        while True:
            conn, _ = srv.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return srv.getsockname()[1]


def udp_echo_server():
    srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    srv.bind(("127.0.0.1", 0))

    def serve():
        while True:
            data, peer = srv.recvfrom(65536)
            srv.sendto(data, peer)

    threading.Thread(target=serve, daemon=True).start()
    return srv.getsockname()[1]


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main(chip_e2e, netstep):
    for transport in ([], ["--tcp"]):
        status = run_once(chip_e2e, netstep, transport)
        if status != 0:
            return status
    return 0


def run_once(chip_e2e, netstep, transport):
    echo, closed, udp = echo_server(), closed_port(), udp_echo_server()
    cmd = [netstep, "run", *transport, "--timeout", "120",
           "--map", "echo.netstep.test=127.0.0.1:%d" % echo,
           "--map", "closed.netstep.test=127.0.0.1:%d" % closed,
           "--map", "hole.netstep.test=127.0.0.1:%d" % echo,
           "--map", "udp.netstep.test=127.0.0.1:%d" % udp,
           "--fault", "chunk=16,delay=1,to=echo.netstep.test",
           "--fault", "blackhole=hole.netstep.test",
           "--", chip_e2e, "echo.netstep.test", "closed.netstep.test", "hole.netstep.test",
           "udp.netstep.test", "7"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=170)
    print(r.stdout)
    print(r.stderr, file=sys.stderr)
    if r.returncode == 69:
        print("SKIPPED: the Java side is not built")
        return 77
    fw = [line[4:] for line in r.stdout.splitlines() if line.startswith("fw| ")]
    checks = [
        ("exit status 0", r.returncode == 0),
        ("DHCP address from the LAN pool", any(re.fullmatch(r"DHCP ip 192\.168\.77\.1\d\d", l) for l in fw)),
        ("DNS resolved the mapped name", any(l.startswith("DNS echo.netstep.test -> ") for l in fw)),
        ("DNS failed an unknown name", "DNS unknown 0" in fw),
        ("TCP established", "CONNECTED sr=0x17" in fw),
        ("echo came back", any(l.startswith("ECHO ok") for l in fw)),
        ("6000 bytes echoed through wrapping rings", "ECHO big ok 6000 bytes" in fw),
        ("disconnect closed", "DISCONNECT 1 sr=0x00" in fw),
        ("non-blocking connect is SOCK_BUSY", "NB connect 0" in fw),
        ("non-blocking recv without data is SOCK_BUSY", "NB recv 0" in fw),
        ("refused connect is SOCKERR_SOCKCLOSED", "REFUSED connect -4" in fw),
        ("unanswered connect is SOCKERR_TIMEOUT after RTR x (RCR+1)",
         "BLACKHOLE connect -13 rcr=2 rtr=1000 waited>=300 1" in fw),
        ("UDP datagram sent whole", "UDP sendto 100" in fw),
        ("UDP datagram read in parts", [l for l in fw if l.startswith("UDP part")]
         == ["UDP part 40 info 0x81", "UDP part 40 info 0x81", "UDP part 20 info 0x00"]),
        ("UDP reply from the address and port sent to", "UDP from same port 7" in fw),
        ("ran to the end", "DONE" in fw),
    ]
    failed = [name for name, ok in checks if not ok]
    for name in failed:
        print("FAILED:", name, transport)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
