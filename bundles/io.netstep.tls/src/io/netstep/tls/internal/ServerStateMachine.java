package io.netstep.tls.internal;

/**
 * The server's handshake state. TLS 1.3 by the names of RFC 8446 Appendix A.2 (START, RECVD_CH,
 * NEGOTIATED, WAIT_EOED, WAIT_FLIGHT2, WAIT_CERT, WAIT_CV, WAIT_FINISHED, CONNECTED); TLS 1.2
 * named by the client message the server waits for next. CLOSED after a fatal alert.
 */
public final class ServerStateMachine {
    private String state = "START";
    private final HandshakeFacts facts;
    private boolean clientCertificateEmpty;

    public ServerStateMachine(HandshakeFacts facts) {
        this.facts = facts;
    }

    public String state() {
        return state;
    }

    /** A handshake message sent by the server. */
    public void sent(int type, boolean helloRetryRequest) {
        if (facts.tls13()) {
            switch (type) {
                case 2:
                    state = helloRetryRequest ? "START" : "NEGOTIATED";
                    break;
                case 20:
                    state = facts.earlyDataAccepted ? "WAIT_EOED" : "WAIT_FLIGHT2";
                    break;
                default:
                    break;
            }
            return;
        }
        switch (type) {
            case 2:
                state = facts.resumed ? "WAIT_CHANGE_CIPHER_SPEC" : "WAIT_CLIENT_KEY_EXCHANGE";
                break;
            case 13:
                state = "WAIT_CERTIFICATE";
                break;
            default:
                break;
        }
    }

    /** A handshake message received from the client. */
    public void received(int type, boolean emptyCertificate) {
        if (type == 1) {
            state = facts.tls13() ? "RECVD_CH" : "RECVD_CLIENT_HELLO";
            return;
        }
        if (facts.tls13()) {
            switch (type) {
                case 5:
                    state = "WAIT_FLIGHT2";
                    break;
                case 11:
                    state = emptyCertificate ? "WAIT_FINISHED" : "WAIT_CV";
                    break;
                case 15:
                    state = "WAIT_FINISHED";
                    break;
                case 20:
                    state = "CONNECTED";
                    break;
                default:
                    break;
            }
            return;
        }
        switch (type) {
            case 11:
                clientCertificateEmpty = emptyCertificate;
                state = "WAIT_CLIENT_KEY_EXCHANGE";
                break;
            case 16:
                boolean verify = facts.certificateRequested && !clientCertificateEmpty;
                state = verify ? "WAIT_CERTIFICATE_VERIFY" : "WAIT_CHANGE_CIPHER_SPEC";
                break;
            case 15:
                state = "WAIT_CHANGE_CIPHER_SPEC";
                break;
            case 20:
                state = "CONNECTED";
                break;
            default:
                break;
        }
    }

    public void receivedChangeCipherSpec() {
        if (!facts.tls13()) {
            state = "WAIT_FINISHED";
        }
    }

    public void fatalAlert() {
        state = "CLOSED";
    }
}
