"""Server side of the NetStep bridge wire protocol (docs/contracts.md), for C-level tests.

A test peer, not a chip model: it records every message the shim sends, answers in order,
and serves SPI reads from a plain byte store (what was written at block/offset reads back,
unwritten bytes read from `preset` or 0). Knobs let a test inject INTn, the virtual time,
ERROR answers and dropped connections.
"""
import os
import shutil
import socket
import struct
import tempfile
import threading

HELLO, FRAME, MILLIS, KEYLOG, BYE = 0x01, 0x02, 0x03, 0x04, 0x05
HELLO_OK, FRAME_OK, MILLIS_OK, ERROR = 0x81, 0x82, 0x83, 0xFF


class Message:
    def __init__(self, type_, flags, payload):
        self.type, self.flags, self.payload = type_, flags, payload

    def frame(self):
        """(flags, read length N, MOSI bytes) of a FRAME."""
        assert self.type == FRAME, hex(self.type)
        (n,) = struct.unpack_from("<I", self.payload)
        return self.flags, n, self.payload[4:]

    def __repr__(self):
        return f"Message(0x{self.type:02x}, flags={self.flags}, {self.payload!r})"


class SpiStore:
    """W5500 SPI framing (offset, control, data) over a byte store, frame by frame."""

    def __init__(self, preset=None):
        self.mem = dict(preset or {})          # (block, offset) -> byte
        self.head = b""
        self.pos = 0

    def _addr(self):
        offset, control = struct.unpack(">HB", self.head)
        return control >> 3, offset, bool(control & 0x04)

    def clock(self, flags, mosi, n):
        if flags & 1:
            self.head, self.pos = b"", 0
        for b in mosi:
            if len(self.head) < 3:
                self.head += bytes([b])
                continue
            block, offset, write = self._addr()
            if write:
                self.mem[(block, (offset + self.pos) & 0xFFFF)] = b
            self.pos += 1
        miso = bytearray(n)
        if len(self.head) == 3:
            block, offset, write = self._addr()
            for i in range(n):
                if not write:
                    miso[i] = self.mem.get((block, (offset + self.pos) & 0xFFFF), 0)
                self.pos += 1
        return bytes(miso)

    def read(self, block, offset, length):
        return bytes(self.mem.get((block, (offset + i) & 0xFFFF), 0) for i in range(length))


class BridgePeer:
    def __init__(self, tcp=False, token=None):
        self.messages = []
        self.hello = None
        self.store = SpiStore()
        self.int_asserted = False
        self.nanos = 0
        self.token = token
        self.error_on = None                   # message type answered with ERROR
        self.error_text = "the session refused this"
        self.close_after = None                # close after answering this many messages
        self.done = threading.Event()
        self.lock = threading.Lock()
        if tcp:
            self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.server.bind(("127.0.0.1", 0))
            self.endpoint = "tcp:127.0.0.1:%d" % self.server.getsockname()[1]
        else:
            self.dir = tempfile.mkdtemp(prefix="netstep-test-")
            os.chmod(self.dir, 0o700)
            path = os.path.join(self.dir, "bridge.sock")
            self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.server.bind(path)
            self.endpoint = "unix:" + path
        self.server.listen(4)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def frames(self):
        return [m.frame() for m in self.messages if m.type == FRAME]

    def close(self):
        self.server.close()
        if getattr(self, "dir", None):
            shutil.rmtree(self.dir, ignore_errors=True)

    def _recv(self, conn, n):
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def _answer(self, conn, type_, payload=b"", flags=0):
        conn.sendall(struct.pack("<BBHI", type_, flags, 0, len(payload)) + payload)

    def _serve(self):
        try:
            conn, _ = self.server.accept()
            with conn:
                self._session(conn)
        except OSError:
            pass                               # the shim may hang up without reading the last answer
        finally:
            self.done.set()

    def _session(self, conn):
        count = 0
        while True:
            head = self._recv(conn, 8)
            if head is None:
                break
            type_, flags, _, length = struct.unpack("<BBHI", head)
            payload = self._recv(conn, length) if length else b""
            if payload is None:
                break
            msg = Message(type_, flags, payload)
            with self.lock:
                self.messages.append(msg)
            count += 1
            if self.error_on == type_:
                self._answer(conn, ERROR, self.error_text.encode())
                break
            if type_ == HELLO:
                version, tlen = struct.unpack_from("<HH", payload)
                token = payload[4:4 + tlen].decode()
                self.hello = (version, token, payload[4 + tlen:].decode())
                if self.token is not None and token != self.token:
                    self._answer(conn, ERROR, b"wrong token")
                    break
                self._answer(conn, HELLO_OK, struct.pack("<H", 1))
            elif type_ == FRAME:
                f, n, mosi = msg.frame()
                miso = self.store.clock(f, mosi, n)
                self._answer(conn, FRAME_OK, miso, 1 if self.int_asserted else 0)
            elif type_ == MILLIS:
                self._answer(conn, MILLIS_OK, struct.pack("<Q", self.nanos))
            elif type_ == BYE:
                break
            if self.close_after is not None and count >= self.close_after:
                break
