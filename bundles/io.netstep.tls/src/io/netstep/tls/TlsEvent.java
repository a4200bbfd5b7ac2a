package io.netstep.tls;

/**
 * Something the decoder found in one direction: a record, a handshake message, an alert,
 * application data, or a problem. Every event carries the handshake states of client and
 * server as they are after it.
 */
public abstract class TlsEvent {
    private final Direction direction;
    private final Field fields;
    private String clientState = "";
    private String serverState = "";
    private long sequence;

    protected TlsEvent(Direction direction, Field fields) {
        this.direction = direction;
        this.fields = fields;
    }

    public Direction direction() {
        return direction;
    }

    /** Short type name: "Record", "ClientHello", "Alert", "ApplicationData", "Problem"… */
    public abstract String type();

    /** The field tree; its root covers the whole item. */
    public Field fields() {
        return fields;
    }

    /** Client handshake state by RFC 8446 / RFC 5246 name after this event. */
    public String clientState() {
        return clientState;
    }

    public String serverState() {
        return serverState;
    }

    /** Position of this event among all events of the connection (0, 1, 2…). */
    public long sequence() {
        return sequence;
    }

    /** Set by the decoder when it publishes the event. */
    void stamp(long seq, String client, String server) {
        this.sequence = seq;
        this.clientState = client;
        this.serverState = server;
    }

    /** One-line summary for timelines. */
    public String summary() {
        return direction.shortName() + " " + type();
    }

    @Override
    public String toString() {
        return summary();
    }
}
