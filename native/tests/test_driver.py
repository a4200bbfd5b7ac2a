"""The W5500 driver's SPI frames, through the real shim, against the bridge peer's byte store.
Usage: test_driver.py DRIVER_CLIENT"""
import os
import subprocess
import sys
import unittest

from bridge_peer import BridgePeer

CLIENT = None
END = (2, 0, b"")                       # SCSn high after a read


def h(*b):
    return bytes(b)


def write(*b):
    return (3, 0, bytes(b))             # a whole write frame: SCSn low, bytes, SCSn high


class DriverTest(unittest.TestCase):
    def setUp(self):
        self.peer = BridgePeer()

    def tearDown(self):
        self.peer.close()

    def preset(self, block, offset, data):
        for i, b in enumerate(data):
            self.peer.store.mem[(block, (offset + i) & 0xFFFF)] = b

    def run_client(self, scenario):
        env = {k: v for k, v in os.environ.items() if not k.startswith("NETSTEP_")}
        env["NETSTEP_TARGET"] = self.peer.endpoint
        r = subprocess.run([CLIENT, scenario], env=env, capture_output=True, text=True, timeout=60)
        self.peer.done.wait(30)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.split()

    MAC, IP, SN, GW = h(0, 8, 0xDC, 1, 2, 3), h(192, 168, 1, 20), h(255, 255, 255, 0), h(192, 168, 1, 1)

    def test_netinfo_writes_each_register_in_one_frame_and_reads_it_back(self):
        out = self.run_client("netinfo")
        self.assertEqual(out, [(self.MAC + self.IP + self.SN + self.GW).hex() + "08080808", "1"])
        self.assertEqual(self.peer.frames(), [
            write(0x00, 0x09, 0x04, *self.MAC), write(0x00, 0x01, 0x04, *self.GW),
            write(0x00, 0x05, 0x04, *self.SN), write(0x00, 0x0F, 0x04, *self.IP),
            (1, 6, h(0x00, 0x09, 0x00)), END, (1, 4, h(0x00, 0x01, 0x00)), END,
            (1, 4, h(0x00, 0x05, 0x00)), END, (1, 4, h(0x00, 0x0F, 0x00)), END])

    def test_without_burst_callbacks_writes_look_the_same_and_reads_go_bytewise(self):
        out = self.run_client("netinfo-bytewise")
        self.assertEqual(out[0][:12], self.MAC.hex())
        frames = self.peer.frames()
        self.assertEqual(frames[0], write(0x00, 0x09, 0x04, *self.MAC))
        self.assertEqual(frames[4:11], [(1, 1, h(0x00, 0x09, 0x00))] + [(0, 1, b"")] * 5 + [END])

    def test_versionr(self):
        self.preset(0, 0x39, [0x04])
        self.assertEqual(self.run_client("version"), ["04"])
        self.assertEqual(self.peer.frames(), [(1, 1, h(0x00, 0x39, 0x00)), END])

    def test_counters_are_read_until_two_reads_agree_and_zero_at_once(self):
        self.preset(5, 0x20, [0x08, 0x00])            # socket 1 registers: block 5
        self.assertEqual(self.run_client("counters"), ["2048", "0"])
        fsr, rsr = (1, 2, h(0x00, 0x20, 0x28)), (1, 2, h(0x00, 0x26, 0x28))
        self.assertEqual(self.peer.frames(), [fsr, END, fsr, END, rsr, END])

    def test_send_data_writes_at_tx_wr_in_one_frame_and_advances_it(self):
        self.preset(9, 0x24, [0x07, 0xFE])            # socket 2: registers block 9, TX block 10
        self.assertEqual(self.run_client("send-data"), ["0803"])
        frames = self.peer.frames()
        self.assertEqual(frames[:4], [(1, 2, h(0x00, 0x24, 0x48)), END,
                                      write(0x07, 0xFE, 0x54, *b"hello"), write(0x00, 0x24, 0x4C, 0x08, 0x03)])
        self.assertEqual(self.peer.store.read(10, 0x07FE, 5), b"hello")

    def test_recv_data_reads_at_rx_rd_and_advances_it(self):
        self.preset(13, 0x28, [0xFF, 0xFE])           # socket 3: registers block 13, RX block 15
        self.preset(15, 0xFFFE, b"abcd")              # the pointer wraps at 16 bits
        self.assertEqual(self.run_client("recv-data"), [b"abcd".hex(), "0002"])
        self.assertEqual(self.peer.frames()[:5], [(1, 2, h(0x00, 0x28, 0x68)), END,
                                                  (1, 4, h(0xFF, 0xFE, 0x78)), END,
                                                  write(0x00, 0x28, 0x6C, 0x00, 0x02)])

    def test_init_rejects_bad_sizes_untouched_then_resets_and_sizes_buffers(self):
        self.preset(0, 0x09, self.MAC)
        self.assertEqual(self.run_client("init"), ["-1", "0", "4096", "8192"])
        frames = self.peer.frames()
        self.assertEqual(frames[0], (1, 6, h(0x00, 0x09, 0x00)))   # the valid call's reset begins
        self.assertIn(write(0x00, 0x00, 0x04, 0x80), frames)        # MR RST
        self.assertIn(write(0x00, 0x09, 0x04, *self.MAC), frames)   # SHAR kept across the reset
        for sn, tx, rx in [(0, 4, 8), (7, 1, 0)]:
            control = ((1 + 4 * sn) << 3) | 0x04
            self.assertIn(write(0x00, 0x1F, control, tx), frames)
            self.assertIn(write(0x00, 0x1E, control, rx), frames)

    def test_argument_errors_return_iolibrary_codes_without_commands(self):
        out = self.run_client("errors")
        self.assertEqual(out, ["-1", "-3", "-5", "-12", "-11", "-14", "-5", "-5"])
        for flags, n, mosi in self.peer.frames():
            if not flags & 1:
                continue                                  # continues a frame: no header
            block, offset, is_write = mosi[2] >> 3, mosi[0] << 8 | mosi[1], mosi[2] & 0x04
            self.assertFalse(is_write and block % 4 == 1 and offset == 0x01, "Sn_CR written")

    def test_ctl_functions(self):
        self.assertEqual(self.run_client("ctl"), ["W5500", "3", "1000", "-1"])
        frames = self.peer.frames()
        self.assertIn(write(0x00, 0x1B, 0x04, 3), frames)           # RCR
        self.assertIn(write(0x00, 0x19, 0x04, 0x03, 0xE8), frames)   # RTR = 1000 x 100 us


if __name__ == "__main__":
    CLIENT = sys.argv[1]
    unittest.main(argv=sys.argv[:1], verbosity=2)
