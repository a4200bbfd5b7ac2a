package io.netstep.tls;

/** A ChangeCipherSpec record (TLS 1.2; in TLS 1.3 only for middlebox compatibility). */
public final class ChangeCipherSpecMessage extends TlsEvent {
    public ChangeCipherSpecMessage(Direction direction, Field fields) {
        super(direction, fields);
    }

    @Override
    public String type() {
        return "ChangeCipherSpec";
    }
}
