"""The shim against a bridge peer: exact frames for the ioLibrary patterns, MILLIS, KEYLOG,
INTn, HELLO/token, and the error paths (exit status 70, no SIGPIPE death).
Usage: test_shim.py SHIM_CLIENT SHIM_INTERPOSE"""
import os
import subprocess
import sys
import unittest

from bridge_peer import BridgePeer, BYE, FRAME, HELLO, KEYLOG, MILLIS

CLIENT = INTERPOSE = None
READ_VERSIONR = bytes([0x00, 0x39, 0x00])
READ_SHAR = bytes([0x00, 0x09, 0x00])
MAC = bytes([0x02, 0x00, 0x5E, 0x10, 0x20, 0x30])


def run(args, endpoint=None, token=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETSTEP_")}
    if endpoint:
        env["NETSTEP_TARGET"] = endpoint
    if token is not None:
        env["NETSTEP_TOKEN"] = token
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)


class ShimTest(unittest.TestCase):
    def setUp(self):
        self.peer = BridgePeer()

    def tearDown(self):
        self.peer.close()

    def client(self, scenario, peer=None, **kw):
        peer = peer or self.peer
        result = run([CLIENT, scenario], peer.endpoint, **kw)
        peer.done.wait(30)
        return result

    def assertOk(self, result):
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_hello_names_version_and_program_and_bye_ends(self):
        self.peer.nanos = 123_456_789_012
        r = self.client("millis")
        self.assertOk(r)
        self.assertEqual(r.stdout.strip(), "123456")
        self.assertEqual(self.peer.hello, (1, "", "shim_client"))
        types = [m.type for m in self.peer.messages]
        self.assertEqual(types, [HELLO, MILLIS, BYE])

    def test_read_byte_is_one_round_trip_plus_end_of_frame(self):
        self.peer.store.mem[(0, 0x39)] = 0x04
        r = self.client("read-byte")
        self.assertOk(r)
        self.assertEqual(r.stdout.strip(), "04")
        self.assertEqual(self.peer.frames(), [(1, 1, READ_VERSIONR), (2, 0, b"")])

    def test_burst_read_is_one_frame(self):
        for i, b in enumerate(MAC):
            self.peer.store.mem[(0, 9 + i)] = b
        r = self.client("read-burst")
        self.assertOk(r)
        self.assertEqual(r.stdout.strip(), MAC.hex())
        self.assertEqual(self.peer.frames(), [(1, 6, READ_SHAR), (2, 0, b"")])

    def test_repeated_readbyte_continues_the_frame(self):
        for i, b in enumerate(MAC):
            self.peer.store.mem[(0, 9 + i)] = b
        r = self.client("read-bytes")
        self.assertOk(r)
        self.assertEqual(r.stdout.strip(), MAC.hex())
        self.assertEqual(self.peer.frames(),
                         [(1, 1, READ_SHAR)] + [(0, 1, b"")] * 5 + [(2, 0, b"")])

    def test_burst_write_is_one_frame_with_start_and_end(self):
        r = self.client("write-burst")
        self.assertOk(r)
        self.assertEqual(self.peer.frames()[0], (3, 0, bytes([0x00, 0x09, 0x04]) + MAC))
        self.assertEqual(self.peer.store.read(0, 9, 6), MAC)
        self.assertEqual(r.stdout.strip(), MAC.hex())

    def test_bytewise_write_is_one_frame(self):
        r = self.client("write-bytes")
        self.assertOk(r)
        self.assertEqual(self.peer.frames(), [(3, 0, bytes([0x00, 0x19, 0x04, 0x0F]))])

    def test_deselect_with_nothing_buffered_still_ends_the_frame(self):
        r = self.client("empty-frame")
        self.assertOk(r)
        self.assertEqual(self.peer.frames(), [(3, 0, b"")])

    def test_keylog_line_goes_without_newline(self):
        r = self.client("keylog")
        self.assertOk(r)
        logs = [m.payload for m in self.peer.messages if m.type == KEYLOG]
        self.assertEqual(logs, [b"CLIENT_RANDOM 0011 2233"])
        self.assertNotIn("CLIENT_RANDOM", r.stdout + r.stderr)

    def test_int_level_comes_from_the_frame_answer(self):
        self.peer.int_asserted = True
        r = self.client("int")
        self.assertOk(r)
        self.assertEqual(r.stdout.strip(), "1")
        quiet = BridgePeer()
        try:
            r = self.client("int", peer=quiet)
            self.assertOk(r)
            self.assertEqual(r.stdout.strip(), "0")
        finally:
            quiet.close()

    def test_explicit_endpoint_without_environment(self):
        self.peer.nanos = 5_000_000
        r = run([CLIENT, "attach", self.peer.endpoint])
        self.assertOk(r)
        self.assertEqual(r.stdout.split(), ["0", "5"])

    def test_requests_from_several_threads_stay_whole(self):
        r = self.client("threads")
        self.assertOk(r)
        millis = [m for m in self.peer.messages if m.type == MILLIS]
        self.assertEqual(len(millis), 800)
        self.assertTrue(all(m.payload == b"" and m.flags == 0 for m in millis))

    def test_firmware_defining_socket_names_does_not_capture_the_shim(self):
        self.peer.store.mem[(0, 0x39)] = 0x04
        self.peer.nanos = 7_000_000
        r = run([INTERPOSE], self.peer.endpoint)
        self.peer.done.wait(30)
        self.assertOk(r)
        self.assertEqual(r.stdout.strip(), "04 7")
        self.assertEqual(self.peer.messages[-1].type, BYE)


class TcpTest(unittest.TestCase):
    def test_token_is_sent_and_checked(self):
        peer = BridgePeer(tcp=True, token="s3cret")
        try:
            r = run([CLIENT, "millis"], peer.endpoint, token="s3cret")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(peer.hello[1], "s3cret")
        finally:
            peer.close()

    def test_frames_over_tcp_are_the_same(self):
        peer = BridgePeer(tcp=True, token="t")
        peer.store.mem[(0, 0x39)] = 0x04
        try:
            r = run([CLIENT, "read-byte"], peer.endpoint, token="t")
            peer.done.wait(30)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout.strip(), "04")
            self.assertEqual(peer.frames(), [(1, 1, READ_VERSIONR), (2, 0, b"")])
        finally:
            peer.close()

    def test_wrong_token_exits_70_with_the_targets_message(self):
        peer = BridgePeer(tcp=True, token="right")
        try:
            r = run([CLIENT, "millis"], peer.endpoint, token="wrong")
            self.assertEqual(r.returncode, 70)
            self.assertIn("netstep: wrong token", r.stderr)
            self.assertNotIn("right", r.stderr)
        finally:
            peer.close()


class ErrorPathTest(unittest.TestCase):
    def test_no_target_at_unix_path(self):
        r = run([CLIENT, "millis"], "unix:/nonexistent/netstep/bridge.sock")
        self.assertEqual(r.returncode, 70)
        self.assertIn("netstep: no NetStep target at unix:/nonexistent/netstep/bridge.sock: "
                      "No such file or directory", r.stderr)

    def test_no_target_on_tcp_port(self):
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()                                 # nothing listens there now
        r = run([CLIENT, "millis"], "tcp:127.0.0.1:%d" % port)
        self.assertEqual(r.returncode, 70)
        self.assertIn("netstep: no NetStep target at tcp:127.0.0.1:%d: Connection refused" % port,
                      r.stderr)

    def test_bad_endpoint(self):
        r = run([CLIENT, "millis"], "tcp:127.0.0.1")
        self.assertEqual(r.returncode, 70)
        self.assertIn("expected tcp:127.0.0.1:PORT", r.stderr)

    def test_no_environment(self):
        r = run([CLIENT, "millis"])
        self.assertEqual(r.returncode, 70)
        self.assertIn("NETSTEP_TARGET is not set", r.stderr)

    def test_error_answer_is_printed_and_exits_70(self):
        peer = BridgePeer()
        peer.error_on = MILLIS
        try:
            r = run([CLIENT, "millis"], peer.endpoint)
            self.assertEqual(r.returncode, 70)
            self.assertEqual(r.stderr.strip(), "netstep: the session refused this")
        finally:
            peer.close()

    def test_target_going_away_during_a_request(self):
        peer = BridgePeer()
        peer.close_after = 1                      # answers HELLO, then hangs up
        try:
            r = run([CLIENT, "read-byte"], peer.endpoint)
            self.assertEqual(r.returncode, 70)
            self.assertIn("netstep: NetStep target at %s went away" % peer.endpoint, r.stderr)
        finally:
            peer.close()

    def test_writing_to_a_closed_target_is_no_sigpipe_death(self):
        peer = BridgePeer()
        peer.close_after = 2                      # HELLO, MILLIS, then hangs up
        try:
            r = run([CLIENT, "keylog-after-close"], peer.endpoint)
            self.assertEqual(r.returncode, 70, r.stderr)
            self.assertIn("went away", r.stderr)
            self.assertNotIn("still alive", r.stdout)
        finally:
            peer.close()


if __name__ == "__main__":
    CLIENT, INTERPOSE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
