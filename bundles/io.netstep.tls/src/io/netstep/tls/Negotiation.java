package io.netstep.tls;

import io.netstep.tls.internal.ClientStateMachine;
import io.netstep.tls.internal.HandshakeFacts;
import io.netstep.tls.internal.KeySource.Epoch;
import io.netstep.tls.internal.ServerStateMachine;
import io.netstep.tls.names.CipherSuites;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the handshake negotiated so far, the two state machines, and the key epoch changes each
 * handshake message implies.
 */
final class Negotiation {
    /** Receives epoch changes for a direction. */
    interface EpochSink {
        void epoch(Direction d, Epoch epoch, int generation);
    }

    final HandshakeFacts facts = new HandshakeFacts();
    final ClientStateMachine client = new ClientStateMachine(facts);
    final ServerStateMachine server = new ServerStateMachine(facts);
    ClientHelloInfo clientHello;
    ServerHelloInfo serverHello;
    CertificateChain serverCertificates;
    CertificateChain clientCertificates;
    final List<AlertMessage> alerts = new ArrayList<>();
    private final int[] keyUpdates = new int[2];
    private final EpochSink sink;

    Negotiation(EpochSink sink) {
        this.sink = sink;
    }

    boolean tls13() {
        return facts.version == 0x0304;
    }

    /** Returns a problem text when the message came from the wrong side, else null. */
    String onHandshake(Direction from, HandshakeMessage m) {
        boolean c2s = from == Direction.CLIENT_TO_SERVER;
        int type = m.handshakeType();
        String problem = null;
        if (c2s && (type == 2 || type == 8 || type == 12 || type == 14 || type == 4 || type == 13)) {
            problem = m.type() + " sent by the client";
        } else if (!c2s && (type == 1 || type == 16 || type == 5)) {
            problem = m.type() + " sent by the server";
        }
        boolean hrr = false;
        switch (type) {
            case 1:
                if (m.clientHello() != null) {
                    clientHello = m.clientHello();
                    facts.clientOffersTls13 = clientHello.offersTls13();
                }
                break;
            case 2:
                ServerHelloInfo sh = m.serverHello();
                if (sh != null) {
                    hrr = sh.helloRetryRequest();
                    onServerHello(sh);
                }
                break;
            case 8:
                Extensions ee = m.extensions();
                if (ee != null) {
                    facts.earlyDataAccepted = ee.earlyData();
                }
                break;
            case 11:
                if (c2s) {
                    clientCertificates = m.certificateChain();
                } else {
                    serverCertificates = m.certificateChain();
                }
                break;
            case 13:
                facts.certificateRequested = true;
                break;
            case 20:
                if (tls13()) {
                    sink.epoch(from, Epoch.TLS13_APPLICATION, 0);
                }
                break;
            case 24:
                if (tls13()) {
                    int i = from.ordinal();
                    keyUpdates[i]++;
                    sink.epoch(from, Epoch.TLS13_APPLICATION, keyUpdates[i]);
                }
                break;
            default:
                break;
        }
        boolean emptyCert = m.certificateChain() != null && m.certificateChain().isEmpty();
        if (c2s) {
            client.sent(type);
            server.received(type, emptyCert);
        } else {
            server.sent(type, hrr);
            client.received(type, hrr);
        }
        return problem;
    }

    private void onServerHello(ServerHelloInfo sh) {
        serverHello = sh;
        if (sh.helloRetryRequest()) {
            facts.version = 0x0304;
            return;
        }
        facts.version = sh.negotiatedVersion();
        Extensions ext = sh.extensions();
        facts.sessionTicketExpected = ext.sessionTicket();
        facts.pskOnly = ext.pskIdentities() > 0; // a selected PSK authenticates: no Certificate follows
        String suite = CipherSuites.TABLE.nameOrNull(sh.cipherSuite());
        facts.serverKeyExchangeExpected = suite != null && (suite.contains("DHE_") || suite.startsWith("TLS_PSK_"));
        if (!tls13() && clientHello != null) {
            facts.resumed = sh.sessionId().length > 0 && Arrays.equals(sh.sessionId(), clientHello.sessionId());
        }
        if (tls13()) {
            sink.epoch(Direction.SERVER_TO_CLIENT, Epoch.TLS13_HANDSHAKE, 0);
            sink.epoch(Direction.CLIENT_TO_SERVER, Epoch.TLS13_HANDSHAKE, 0);
        }
    }

    void onChangeCipherSpec(Direction from) {
        if (tls13()) {
            return; // middlebox compatibility only (RFC 8446 appendix D.4)
        }
        if (from == Direction.CLIENT_TO_SERVER) {
            server.receivedChangeCipherSpec();
        } else {
            client.receivedChangeCipherSpec();
        }
        sink.epoch(from, Epoch.TLS12, 0);
    }

    void onAlert(AlertMessage a) {
        alerts.add(a);
        if (a.isFatal()) {
            client.fatalAlert();
            server.fatalAlert();
        }
    }
}
