package io.netstep.tls;

import io.netstep.tls.names.TlsNames;

/** One handshake message, reassembled across records, with its field tree. */
public final class HandshakeMessage extends TlsEvent {
    private final int handshakeType;
    private final int length;
    private final boolean decrypted;
    private final Object details;

    public HandshakeMessage(Direction direction, Field fields, int handshakeType, int length, boolean decrypted,
            Object details) {
        super(direction, fields);
        this.handshakeType = handshakeType;
        this.length = length;
        this.decrypted = decrypted;
        this.details = details;
    }

    /** RFC message name, e.g. "ClientHello", "HelloRetryRequest" for a ServerHello that is one. */
    @Override
    public String type() {
        if (details instanceof ServerHelloInfo && ((ServerHelloInfo) details).helloRetryRequest()) {
            return "HelloRetryRequest";
        }
        return TlsNames.HANDSHAKE_TYPES.name(handshakeType);
    }

    public int handshakeType() {
        return handshakeType;
    }

    /** Body length from the handshake header. */
    public int length() {
        return length;
    }

    /** True when the message came from decrypted records (offsets are then in ByteSpace.DECRYPTED). */
    public boolean wasDecrypted() {
        return decrypted;
    }

    public ClientHelloInfo clientHello() {
        return details instanceof ClientHelloInfo ? (ClientHelloInfo) details : null;
    }

    public ServerHelloInfo serverHello() {
        return details instanceof ServerHelloInfo ? (ServerHelloInfo) details : null;
    }

    public CertificateChain certificateChain() {
        return details instanceof CertificateChain ? (CertificateChain) details : null;
    }

    /** EncryptedExtensions / CertificateRequest (1.3) / NewSessionTicket extensions, when parsed. */
    public Extensions extensions() {
        if (details instanceof Extensions) {
            return (Extensions) details;
        }
        if (details instanceof ClientHelloInfo) {
            return ((ClientHelloInfo) details).extensions();
        }
        if (details instanceof ServerHelloInfo) {
            return ((ServerHelloInfo) details).extensions();
        }
        return null;
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder(direction().shortName()).append(' ').append(type());
        ClientHelloInfo ch = clientHello();
        if (ch != null) {
            sb.append(" sni=").append(ch.sni()).append(" suites=").append(ch.cipherSuites().size());
        }
        ServerHelloInfo sh = serverHello();
        if (sh != null) {
            sb.append(' ').append(sh.cipherSuiteName()).append(' ')
                    .append(TlsNames.VERSIONS.name(sh.negotiatedVersion()));
        }
        CertificateChain cc = certificateChain();
        if (cc != null) {
            sb.append(cc.isEmpty() ? " (empty)" : " " + cc.entryCount() + " certificates");
        }
        return sb.toString();
    }
}
