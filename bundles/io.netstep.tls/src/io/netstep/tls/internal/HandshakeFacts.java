package io.netstep.tls.internal;

/** What the state machines need to know about the negotiation so far. */
public final class HandshakeFacts {
    /** The ClientHello offered TLS 1.3 in supported_versions. */
    public boolean clientOffersTls13;
    /** 0 before ServerHello, then 0x0303 / 0x0304. */
    public int version;
    public boolean serverKeyExchangeExpected;
    public boolean certificateRequested;
    public boolean sessionTicketExpected;
    /** TLS 1.2 abbreviated handshake (session resumed: the server echoed the offered session id). */
    public boolean resumed;
    /** TLS 1.3: the server accepted early_data in EncryptedExtensions. */
    public boolean earlyDataAccepted;
    /** TLS 1.3: the server authenticates by PSK only (no Certificate expected). */
    public boolean pskOnly;

    public boolean tls13() {
        return version == 0x0304 || (version == 0 && clientOffersTls13);
    }
}
