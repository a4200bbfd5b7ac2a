package io.netstep.session.diagnosis;

import io.netstep.net.NetworkEvent;
import io.netstep.session.LogEntry;
import io.netstep.w5500.ChipEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * One TCP connection attempt of the firmware on one chip socket, from Sn_CR OPEN to the next
 * OPEN of that socket (or the end of the log), rebuilt from chip and network events.
 */
final class Connection {

    /** An Sn_RX_RSR value the firmware read, at the entry of its low byte. */
    record Poll(long seq, long time, int value) { }

    final int socket;
    final LogEntry open;
    LogEntry connect;
    LogEntry connectResult;
    LogEntry established;
    LogEntry timeoutInterrupt;
    LogEntry closed;
    /** The firmware's first Sn_CR DISCON or CLOSE after CONNECT. */
    LogEntry firmwareClose;
    /** The host side ended (NetworkEvent.Closed). */
    LogEntry hostClosed;
    final List<LogEntry> commands = new ArrayList<>();
    final ByteStream arrived = new ByteStream();
    final ByteStream consumed = new ByteStream();
    final ByteStream sent = new ByteStream();
    final List<Poll> polls = new ArrayList<>();
    private int rsrHigh = -1;
    private TlsRecords inTls;
    private TlsRecords outTls;

    Connection(int socket, LogEntry open) {
        this.socket = socket;
        this.open = open;
    }

    void rsrRead(LogEntry e, int offset, byte[] data) {
        if (offset == io.netstep.w5500.Registers.Sn_RX_RSR && data.length >= 2) {
            polls.add(new Poll(e.seq(), e.virtualNanos(), ((data[0] & 0xFF) << 8) | (data[1] & 0xFF)));
            rsrHigh = -1;
        } else if (offset == io.netstep.w5500.Registers.Sn_RX_RSR && data.length == 1) {
            rsrHigh = data[0] & 0xFF;
        } else if (offset == io.netstep.w5500.Registers.Sn_RX_RSR + 1 && data.length == 1 && rsrHigh >= 0) {
            polls.add(new Poll(e.seq(), e.virtualNanos(), (rsrHigh << 8) | (data[0] & 0xFF)));
            rsrHigh = -1;
        }
    }

    String destination() {
        if (connectResult != null && connectResult.event() instanceof NetworkEvent.Connect c) {
            return c.dstIp() + ":" + c.dstPort();
        }
        return "?";
    }

    NetworkEvent.Connect connectEvent() {
        return connectResult != null && connectResult.event() instanceof NetworkEvent.Connect c ? c : null;
    }

    /** Records from the broker, over every byte that reached the chip. */
    TlsRecords inbound() {
        if (inTls == null) {
            inTls = new TlsRecords(arrived.bytes());
        }
        return inTls;
    }

    TlsRecords outbound() {
        if (outTls == null) {
            outTls = new TlsRecords(sent.bytes());
        }
        return outTls;
    }

    boolean isTls() {
        return outbound().looksLikeTls;
    }

    /** The last firmware read of the RX buffer, or null. */
    ByteStream.Chunk lastRead() {
        return consumed.last();
    }

    long endSeq() {
        LogEntry end = closed != null ? closed : firmwareClose;
        return end == null ? Long.MAX_VALUE : end.seq();
    }

    static String hex(int v, int digits) {
        return String.format("0x%0" + digits + "X", v);
    }

    boolean commandAfter(long seq, int command) {
        return commands.stream().anyMatch(c -> c.seq() > seq && ((ChipEvent.Command) c.event()).command() == command);
    }
}
