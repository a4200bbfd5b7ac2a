package io.netstep.tls.internal;

/**
 * The client's handshake state. TLS 1.3 by the names of RFC 8446 Appendix A.1 (START, WAIT_SH,
 * WAIT_EE, WAIT_CERT_CR, WAIT_CERT, WAIT_CV, WAIT_FINISHED, CONNECTED); TLS 1.2 (RFC 5246
 * section 7.3 flow) named by the server message the client waits for next. CLOSED after a fatal
 * alert.
 */
public final class ClientStateMachine {
    private String state = "START";
    private final HandshakeFacts facts;

    public ClientStateMachine(HandshakeFacts facts) {
        this.facts = facts;
    }

    public String state() {
        return state;
    }

    /** A handshake message sent by the client. */
    public void sent(int type) {
        if (type == 1) { // ClientHello (also the second one after HelloRetryRequest)
            state = facts.tls13() ? "WAIT_SH" : "WAIT_SERVER_HELLO";
        }
    }

    /** A handshake message received from the server. */
    public void received(int type, boolean helloRetryRequest) {
        if (facts.tls13()) {
            received13(type, helloRetryRequest);
        } else {
            received12(type);
        }
    }

    private void received13(int type, boolean hrr) {
        switch (type) {
            case 2:
                state = hrr ? "START" : "WAIT_EE";
                break;
            case 8:
                state = facts.pskOnly ? "WAIT_FINISHED" : "WAIT_CERT_CR";
                break;
            case 13:
                if (state.equals("WAIT_CERT_CR")) {
                    state = "WAIT_CERT";
                }
                break;
            case 11:
                state = "WAIT_CV";
                break;
            case 15:
                state = "WAIT_FINISHED";
                break;
            case 20:
                state = "CONNECTED";
                break;
            default:
                break; // NewSessionTicket, KeyUpdate: no change
        }
    }

    private void received12(int type) {
        switch (type) {
            case 2:
                if (facts.resumed) {
                    state = facts.sessionTicketExpected ? "WAIT_NEW_SESSION_TICKET" : "WAIT_CHANGE_CIPHER_SPEC";
                } else {
                    state = "WAIT_CERTIFICATE";
                }
                break;
            case 11:
                state = facts.serverKeyExchangeExpected ? "WAIT_SERVER_KEY_EXCHANGE" : "WAIT_SERVER_HELLO_DONE";
                break;
            case 12:
            case 13:
                state = "WAIT_SERVER_HELLO_DONE";
                break;
            case 14:
                state = facts.sessionTicketExpected ? "WAIT_NEW_SESSION_TICKET" : "WAIT_CHANGE_CIPHER_SPEC";
                break;
            case 4:
                state = "WAIT_CHANGE_CIPHER_SPEC";
                break;
            case 20:
                // Full handshake: the client's Finished went first. Abbreviated: it sends it now.
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
