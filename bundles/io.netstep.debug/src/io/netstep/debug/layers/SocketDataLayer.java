package io.netstep.debug.layers;

import io.netstep.session.LogEntry;
import io.netstep.w5500.ChipEvent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Bytes a socket sent to or received from the network (type "tx" / "rx"). */
public final class SocketDataLayer implements ProtocolLayer {

    public static final String ID = "socket.data";

    private static final int SHOWN_BYTES = 256;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Socket data";
    }

    @Override
    public int level() {
        return SOCKET_DATA;
    }

    @Override
    public ProtocolEvent decode(LogEntry entry) {
        if (!(entry.event() instanceof ChipEvent.Data d)) {
            return null;
        }
        String peer = peer(d.peerIp(), d.peerPort());
        String type = d.tx() ? "tx" : "rx";
        List<Field> fields = new ArrayList<>();
        fields.add(Field.text("direction", d.tx() ? "sent (chip → network)" : "received (network → chip)"));
        fields.add(Field.text("peer", peer));
        fields.add(Field.number("length", d.bytes().length, 2));
        int n = Math.min(SHOWN_BYTES, d.bytes().length);
        String hex = HexFormat.ofDelimiter(" ").formatHex(d.bytes(), 0, n);
        fields.add(Field.text("bytes", n < d.bytes().length ? hex + " …" : hex));
        return new ProtocolEvent(ID, type, d.socket(), entry,
                (d.tx() ? "sent " : "received ") + d.bytes().length + " bytes " + (d.tx() ? "to " : "from ") + peer
                        + " on socket " + d.socket(),
                Map.of("peer", peer, "length", Integer.toString(d.bytes().length)), List.copyOf(fields));
    }

    static String peer(byte[] ip, int port) {
        if (ip == null || ip.length != 4) {
            return "?:" + port;
        }
        try {
            return InetAddress.getByAddress(ip).getHostAddress() + ":" + port;
        } catch (UnknownHostException e) {
            return "?:" + port;
        }
    }
}
