package io.netstep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.Registers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A network that reports from its own threads through {@link ChipSide#queued()}: its events
 * reach the real chip only on the session thread and only while running; TCP data the chip
 * has no room for is held and handed over when the firmware frees RX space, a FIN after it.
 */
class QueuedNetworkTest {

    private static final int S0 = Registers.socketBlock(0);

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private ChipSide side;
    private Session session;

    @BeforeEach
    void setUp() throws Exception {
        HostNetwork recorder = new HostNetwork() {
            public void tcpConnect(int sn, byte[] s, int sp, byte[] d, int dp) { calls.add("connect " + sn + " " + dp); }
            public void tcpListen(int sn, int port) { calls.add("listen " + sn); }
            public void tcpSend(int sn, byte[] data) { calls.add("send " + sn + " " + data.length); }
            public void tcpDisconnect(int sn) { calls.add("disconnect " + sn); }
            public void close(int sn) { calls.add("close " + sn); }
            public void rxWindowOpened(int sn) { calls.add("window " + sn); }
            public void udpOpen(int sn, int port) { calls.add("udp " + sn); }
            public void udpSend(int sn, byte[] s, int sp, byte[] d, int dp, byte[] data) { calls.add("udpsend " + sn); }
        };
        session = new Session(VirtualClock.manual(), s -> {
            side = s;
            return recorder;
        });
        session.start();
        write(0, Registers.GAR, 192, 168, 77, 1);
        write(0, Registers.SIPR, 192, 168, 77, 100);
        write(0, Registers.SUBR, 255, 255, 255, 0);
        write(S0, Registers.Sn_MR, Registers.Sn_MR_TCP);
        write(S0, Registers.Sn_PORT, 0xC0, 0x00);
        write(S0, Registers.Sn_DIPR, 198, 18, 0, 1);
        write(S0, Registers.Sn_DPORT, 0x22, 0xB3);
        write(S0, Registers.Sn_CR, Registers.Sn_CR_OPEN);
        write(S0, Registers.Sn_CR, Registers.Sn_CR_CONNECT);
        assertEquals(Registers.SOCK_SYNSENT, session.peek(S0, Registers.Sn_SR));
        assertTrue(calls.contains("connect 0 8883"), calls.toString());
        fromNetworkThread(() -> side.queued().tcpConnected(0));
        waitFor(() -> session.peek(S0, Registers.Sn_SR) == Registers.SOCK_ESTABLISHED, "ESTABLISHED");
    }

    @AfterEach
    void tearDown() {
        session.terminate();
    }

    @Test
    void dataWaitsWhilePausedAndArrivesOnResume() throws Exception {
        session.pause();
        int[] took = new int[1];
        fromNetworkThread(() -> took[0] = side.queued().tcpData(0, new byte[100], 0, 100));
        assertEquals(100, took[0], "the gate takes it at once");
        assertEquals(0, rxReceivedSize(), "but the chip does not change while paused");
        session.resume();
        waitFor(() -> rxReceivedSize() == 100, "the data in the chip after resume");
    }

    @Test
    void dataBeyondTheRxBufferIsHeldUntilTheFirmwareReadsThenTheFinFollows() throws Exception {
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        fromNetworkThread(() -> {
            side.queued().tcpData(0, data, 0, data.length);
            side.queued().tcpPeerClosed(0);
        });
        waitFor(() -> rxReceivedSize() == 2048, "a full 2 KB RX buffer");
        assertEquals(Registers.SOCK_ESTABLISHED, session.peek(S0, Registers.Sn_SR), "the FIN waits behind the data");

        // the firmware reads 2048 bytes: Sn_RX_RD += 2048, RECV
        write(S0, Registers.Sn_RX_RD, 0x08, 0x00);
        write(S0, Registers.Sn_CR, Registers.Sn_CR_RECV);
        waitFor(() -> rxReceivedSize() == 952, "the held rest");
        waitFor(() -> session.peek(S0, Registers.Sn_SR) == Registers.SOCK_CLOSE_WAIT, "FIN after the data");
        waitFor(() -> calls.contains("window 0"), "the network hears the window opened");
        // the rest starts where the first 2048 bytes ended (RX buffer block, ring offset 0x0800 & 0x7FF = 0)
        assertEquals(data[2048] & 0xFF, session.peek(Registers.rxBlock(0), 0x0000));
    }

    @Test
    void theGatePushesBackWhenTooMuchIsInFlight() throws Exception {
        session.pause();
        int[] took = new int[2];
        fromNetworkThread(() -> {
            took[0] = side.queued().tcpData(0, new byte[NetworkGate.WINDOW], 0, NetworkGate.WINDOW);
            took[1] = side.queued().tcpData(0, new byte[10], 0, 10);
        });
        assertEquals(NetworkGate.WINDOW, took[0]);
        assertEquals(0, took[1], "the network must keep it and wait for rxWindowOpened");
    }

    @Test
    void closingTheSocketDropsHeldData() throws Exception {
        fromNetworkThread(() -> side.queued().tcpData(0, new byte[3000], 0, 3000));
        waitFor(() -> rxReceivedSize() == 2048, "a full RX buffer");
        write(S0, Registers.Sn_CR, Registers.Sn_CR_CLOSE);
        waitFor(() -> session.peek(S0, Registers.Sn_SR) == Registers.SOCK_CLOSED, "CLOSED");
        write(S0, Registers.Sn_CR, Registers.Sn_CR_OPEN);
        write(S0, Registers.Sn_CR, Registers.Sn_CR_CONNECT);
        fromNetworkThread(() -> side.queued().tcpConnected(0));
        waitFor(() -> session.peek(S0, Registers.Sn_SR) == Registers.SOCK_ESTABLISHED, "ESTABLISHED again");
        write(S0, Registers.Sn_CR, Registers.Sn_CR_RECV);
        session.control(() -> null);   // a round trip through the session thread
        assertEquals(0, rxReceivedSize(), "nothing of the old connection reaches the new one");
    }

    private int rxReceivedSize() {
        return session.peek(S0, Registers.Sn_RX_RSR) << 8 | session.peek(S0, Registers.Sn_RX_RSR + 1);
    }

    /** One SPI write frame (variable length mode) through the session, as the bridge would do it. */
    private void write(int block, int offset, int... bytes) throws Exception {
        byte[] mosi = new byte[3 + bytes.length];
        mosi[0] = (byte) (offset >> 8);
        mosi[1] = (byte) offset;
        mosi[2] = (byte) Registers.control(block, true, Registers.OM_VDM);
        for (int i = 0; i < bytes.length; i++) {
            mosi[3 + i] = (byte) bytes[i];
        }
        session.frame(true, mosi, 0, true);
    }

    private static void fromNetworkThread(Runnable r) throws InterruptedException {
        Thread t = new Thread(r, "test-network");
        t.start();
        t.join();
    }

    private static void waitFor(BooleanSupplier c, String what) {
        Waits.waitFor(c, what);
    }
}
