package io.netstep.net;

import io.netstep.net.broker.TestPki;
import io.netstep.net.dns.DnsMessage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;

/**
 * A TLS client standing where the firmware stands: its bytes go out with tcpSend and come
 * back through tcpData on a {@link NetHarness}, so everything passes the virtual network.
 */
public final class TlsPeer implements AutoCloseable {

    static final byte[] CHIP = { (byte) 192, (byte) 168, 77, 100 };
    static final byte[] GATEWAY = { (byte) 192, (byte) 168, 77, 1 };
    static final int SN = 0;

    private final NetHarness h;
    private final SSLEngine engine;
    private final ByteBuffer netIn = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer appIn = ByteBuffer.allocate(1 << 17);
    private int consumed;

    public TlsPeer(NetworkOptions options, TestPki pki, boolean withClientCertificate) throws Exception {
        h = new NetHarness(options);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(withClientCertificate ? pki.clientKeyManagers().getKeyManagers() : null, pki.trustManagers().getTrustManagers(), null);
        engine = ctx.createSSLEngine("broker.test", 8883);
        engine.setUseClientMode(true);
    }

    public <E extends NetworkEvent> E harnessEvent(Class<E> type) {
        return h.awaitEvent(type, e -> true);
    }

    /** DNS on the virtual LAN, then a TCP connect to the answer. */
    public void resolveAndConnect(String name, int port) {
        h.onChip(() -> {
            h.net.udpOpen(1, 3000);
            h.net.udpSend(1, CHIP, 3000, GATEWAY, 53, DnsMessage.query(5, name, DnsMessage.TYPE_A));
        });
        h.awaitChip("DNS answer", c -> c.count("udp") == 1);
        byte[] ans = h.onChip(() -> h.chip.last("udp")).data();
        byte[] addr = Arrays.copyOfRange(ans, ans.length - 4, ans.length);
        h.onChip(() -> h.net.tcpConnect(SN, CHIP, 40000, addr, port));
        h.awaitChip("connected", c -> c.count("connected") == 1);
    }

    public void handshake(String serverName) throws IOException {
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the SAN must name the broker
        p.setServerNames(List.of(new SNIHostName(serverName)));
        engine.setSSLParameters(p);
        engine.beginHandshake();
        while (true) {
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapOnce();
                case NEED_TASK -> {
                    Runnable t;
                    while ((t = engine.getDelegatedTask()) != null) t.run();
                }
                default -> { return; }
            }
        }
    }

    public void write(byte[] app) throws IOException {
        wrap(ByteBuffer.wrap(app));
    }

    /** Reads exactly {@code n} application bytes. */
    public byte[] read(int n) throws IOException {
        while (appIn.position() < n) unwrapOnce();
        appIn.flip();
        byte[] out = new byte[n];
        appIn.get(out);
        appIn.compact();
        return out;
    }

    private void wrap(ByteBuffer app) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult r = engine.wrap(app, out);
        if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED)
            throw new IOException("wrap: " + r);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        if (b.length > 0) h.onChip(() -> h.net.tcpSend(SN, b));
    }

    private void unwrapOnce() throws IOException {
        netIn.flip();
        SSLEngineResult r = engine.unwrap(netIn, appIn);
        netIn.compact();
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                && r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP)) {
            pull();
        } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new IOException("TLS closed by the peer: " + r);
        }
    }

    /** Waits for more bytes from the network (or its end). */
    private void pull() throws IOException {
        h.awaitChip("bytes from the broker", c -> c.received[SN].size() > consumed || c.count("reset") > 0 || c.count("peerClosed") > 0);
        byte[] all = h.onChip(() -> h.chip.received[SN].toByteArray());
        if (all.length == consumed) throw new IOException("connection ended: " + h.onChip(() -> h.chip.sequence()));
        netIn.put(all, consumed, all.length - consumed);
        consumed = all.length;
    }

    @Override public void close() {
        h.close();
    }
}
