"""Shared helpers of the firmware tests: a throwaway PKI, mosquitto with TLS on
127.0.0.1, a proxy that trickles the broker's bytes, and running the firmware."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

failures = []


def check(cond, what, detail=""):
    if not cond:
        failures.append(f"{what}\n{detail}")
        print(f"FAILED: {what}", file=sys.stderr)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_pki(d):
    def run(*args):
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
        "-days", "2", "-subj", "/CN=fw test CA")
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    for name, ext in (("server", ["-extfile", "ext.cnf"]), ("client", [])):
        run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
            "-subj", f"/CN={'localhost' if name == 'server' else 'fw-client'}")
        run("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", f"{name}.crt", "-days", "2", *ext)
    # mosquitto drops root privileges: these throwaway test files must stay readable
    os.chmod(d, 0o755)
    for f in os.listdir(d):
        os.chmod(os.path.join(d, f), 0o644)


class ChunkProxy:
    """Forwards a TCP connection; the broker's bytes go out in small pieces with delays."""

    def __init__(self, target_port, chunk=7, delay=0.002):
        self.target, self.chunk, self.delay = target_port, chunk, delay
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _pump(self, src, dst, slow):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if not slow:
                    dst.sendall(data)
                    continue
                for i in range(0, len(data), self.chunk):
                    dst.sendall(data[i:i + self.chunk])
                    time.sleep(self.delay)
        except OSError:
            pass
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def _accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            broker = socket.create_connection(("127.0.0.1", self.target))
            for s in (client, broker):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._pump, args=(client, broker, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(broker, client, True), daemon=True).start()


def fw(exe, *args, env=None):
    p = subprocess.run([exe, *args], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, **(env or {})))
    return p.returncode, p.stdout, p.stderr


OK_OUT = "CONNACK rc=0\nRECEIVED netstep/test hello from netstep-fw\n"


class Mosquitto:
    """mosquitto with a TLS listener, a mutual-TLS listener and a plain one, all on 127.0.0.1."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="netstep-fw-test-")
        make_pki(self.dir)
        self.tls_port, self.mtls_port, self.plain_port = free_port(), free_port(), free_port()
        d = self.dir
        conf = os.path.join(d, "mosquitto.conf")
        with open(conf, "w") as f:
            f.write(f"""per_listener_settings false
allow_anonymous true
log_dest stderr
log_type all
listener {self.tls_port} 127.0.0.1
cafile {d}/ca.crt
certfile {d}/server.crt
keyfile {d}/server.key
listener {self.mtls_port} 127.0.0.1
cafile {d}/ca.crt
certfile {d}/server.crt
keyfile {d}/server.key
require_certificate true
listener {self.plain_port} 127.0.0.1
""")
        self.proc = subprocess.Popen(["mosquitto", "-c", conf], stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(d, "mosquitto.log"), "w"))
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.plain_port)).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("mosquitto did not start")

    def close(self):
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def have_tools():
    return shutil.which("mosquitto") and shutil.which("openssl")


def finish(name):
    if failures:
        print(f"{len(failures)} failure(s)", file=sys.stderr)
        return 1
    print(f"{name}: checks passed")
    return 0
