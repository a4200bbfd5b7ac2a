package io.netstep.session.bridge;

import java.io.IOException;

/** A client broke the wire protocol; the message is what the client is told. */
public final class BridgeProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public BridgeProtocolException(String message) {
        super(message);
    }
}
