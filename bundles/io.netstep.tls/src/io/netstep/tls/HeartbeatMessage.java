package io.netstep.tls;

/** A Heartbeat message (RFC 6520). */
public final class HeartbeatMessage extends TlsEvent {
    private final int heartbeatType;
    private final int payloadLength;

    public HeartbeatMessage(Direction direction, Field fields, int heartbeatType, int payloadLength) {
        super(direction, fields);
        this.heartbeatType = heartbeatType;
        this.payloadLength = payloadLength;
    }

    @Override
    public String type() {
        return "Heartbeat";
    }

    public int heartbeatType() {
        return heartbeatType;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
