package io.netstep.preflight;

import io.netstep.tls.AlertMessage;
import io.netstep.tls.Direction;
import io.netstep.tls.HandshakeMessage;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsRecord;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One TLS handshake driven by hand (JSSE {@link SSLEngine} over a blocking socket), so that every
 * byte the server sends is seen: the records go through the {@code io.netstep.tls} decoder for
 * their sizes, the handshake messages and plaintext alerts. The server's chain is recorded,
 * not judged here (the preflight explains it against the user's CA afterwards), so a handshake
 * with a wrong CA still shows how far the server goes.
 */
final class TlsProbe {

    enum Outcome {
        /** The handshake completed (and, for TLS 1.3 with a client certificate request, the server did not reject it after). */
        COMPLETED,
        /** The server closed the connection without sending a single byte. */
        CLOSED_WITHOUT_ANSWER,
        /** The server closed the connection in the middle of the handshake. */
        CLOSED,
        /** The connection was reset. */
        RESET,
        /** The server sent a fatal alert (see {@link Result#alert}). */
        ALERT,
        /** No answer within the timeout. */
        TIMEOUT,
        /** The server answered with bytes that are not TLS records. */
        NOT_TLS,
        /** TCP connect failed (the TCP step explains it). */
        CONNECT_FAILED,
        /** This side gave up (e.g. no common protocol version), see {@link Result#detail}. */
        LOCAL_ERROR
    }

    /** One record the server sent, with the handshake messages that ended in it (when readable). */
    static final class ServerRecord {
        final int contentType;
        final int length;
        final boolean protectedRecord;
        final List<String> messages = new ArrayList<>();

        ServerRecord(int contentType, int length, boolean protectedRecord) {
            this.contentType = contentType;
            this.length = length;
            this.protectedRecord = protectedRecord;
        }
    }

    static final class Result {
        Outcome outcome = Outcome.LOCAL_ERROR;
        String alert;
        String detail = "";
        /** True when the rejection came after this side had finished the handshake (TLS 1.3 client authentication). */
        boolean rejectedAfterHandshake;
        List<X509Certificate> serverChain = List.of();
        volatile boolean certificateRequested;
        List<String> acceptedIssuers = List.of();
        boolean clientCertificateOffered;
        String protocol;
        String cipherSuite;
        long serverBytes;
        String sniName;
        final List<ServerRecord> records = new ArrayList<>();
        final List<String> serverMessages = new ArrayList<>();

        /** The largest record the server sent during the handshake, or null if none. */
        ServerRecord largestRecord() {
            ServerRecord best = null;
            for (ServerRecord r : records) if (best == null || r.length > best.length) best = r;
            return best;
        }

        boolean sawServerHello() {
            return serverMessages.contains("ServerHello") || protocol != null;
        }
    }

    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

    private final InetSocketAddress target;
    private final String protocol;
    private final String sniName;
    private final X509ExtendedKeyManager clientKeys;
    private final int connectTimeout;
    private final int ioTimeout;
    private final Consumer<Closeable> register;
    private final Result result = new Result();
    private final TlsConnectionDecoder decoder = new TlsConnectionDecoder();

    /**
     * @param sniName    the server_name to send, or null for a ClientHello without SNI
     * @param clientKeys the client certificate's key manager, or null for none
     * @param register   receives the socket, so that a cancel can close it
     */
    TlsProbe(InetSocketAddress target, String protocol, String sniName, X509ExtendedKeyManager clientKeys, int connectTimeout,
            int ioTimeout, Consumer<Closeable> register) {
        this.target = target;
        this.protocol = protocol;
        this.sniName = sniName;
        this.clientKeys = clientKeys;
        this.connectTimeout = connectTimeout;
        this.ioTimeout = ioTimeout;
        this.register = register;
        result.sniName = sniName;
        decoder.setListener(ev -> {
            if (ev.direction() != Direction.SERVER_TO_CLIENT) return;
            if (ev instanceof TlsRecord) {
                TlsRecord r = (TlsRecord) ev;
                result.records.add(new ServerRecord(r.contentType(), r.length(), r.isProtected()));
            } else if (ev instanceof HandshakeMessage) {
                String name = ev.type();
                result.serverMessages.add(name);
                if (!result.records.isEmpty()) result.records.get(result.records.size() - 1).messages.add(name);
            } else if (ev instanceof AlertMessage && ((AlertMessage) ev).isFatal() && result.alert == null) {
                result.alert = ((AlertMessage) ev).descriptionName();
            }
        });
    }

    Result run() {
        SSLEngine engine;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] { new RecordingKeyManager() }, new TrustManager[] { new RecordingTrustManager() }, null);
            engine = ctx.createSSLEngine(sniName != null ? sniName : target.getAddress().getHostAddress(), target.getPort());
            engine.setUseClientMode(true);
            SSLParameters p = engine.getSSLParameters();
            p.setProtocols(new String[] { protocol });
            p.setServerNames(sniName == null ? List.of() : List.of(new SNIHostName(sniName)));
            engine.setSSLParameters(p);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            result.outcome = Outcome.LOCAL_ERROR;
            result.detail = "cannot set up TLS here: " + e.getMessage();
            return result;
        }
        try (Socket socket = new Socket()) {
            register.accept(socket);
            try {
                socket.connect(target, connectTimeout);
            } catch (IOException e) {
                result.outcome = Outcome.CONNECT_FAILED;
                result.detail = e.getMessage();
                return result;
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(ioTimeout);
            new Driver(engine, socket).handshake();
        } catch (IOException e) {
            result.outcome = Outcome.LOCAL_ERROR;
            result.detail = e.getMessage();
        }
        return result;
    }

    /** Moves bytes between the engine and the socket; every outcome ends up in {@link #result}. */
    private final class Driver {
        private final SSLEngine engine;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private ByteBuffer netIn;
        private ByteBuffer app;
        private ByteBuffer netOut;
        private final byte[] readBuf = new byte[17 * 1024];

        Driver(SSLEngine engine, Socket socket) throws IOException {
            this.engine = engine;
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }

        void handshake() {
            try {
                engine.beginHandshake();
                long deadline = System.nanoTime() + 3L * ioTimeout * 1_000_000L;
                while (!done(engine.getHandshakeStatus())) {
                    if (System.nanoTime() > deadline) throw new SocketTimeoutException("handshake took too long");
                    step();
                }
                result.protocol = engine.getSession().getProtocol();
                result.cipherSuite = engine.getSession().getCipherSuite();
                result.outcome = Outcome.COMPLETED;
                if ("TLSv1.3".equals(result.protocol) && result.certificateRequested) awaitVerdict();
                if (result.outcome == Outcome.COMPLETED) closeGracefully();
            } catch (SocketTimeoutException e) {
                result.outcome = Outcome.TIMEOUT;
                result.detail = "no answer within " + ioTimeout + " ms";
            } catch (EndOfStream e) {
                result.outcome = result.serverBytes == 0 ? Outcome.CLOSED_WITHOUT_ANSWER : Outcome.CLOSED;
                if (result.alert != null) result.outcome = Outcome.ALERT;
            } catch (NotTls e) {
                result.outcome = Outcome.NOT_TLS;
                result.detail = e.getMessage();
            } catch (SSLException e) {
                Matcher m = ALERT.matcher(String.valueOf(e.getMessage()));
                if (m.find()) {
                    result.outcome = Outcome.ALERT;
                    result.alert = m.group(1);
                } else if (result.alert != null) {
                    result.outcome = Outcome.ALERT;
                } else {
                    result.outcome = Outcome.LOCAL_ERROR;
                    result.detail = e.getMessage();
                }
                flushAlert();
            } catch (SocketException e) {
                result.outcome = result.alert != null ? Outcome.ALERT : Outcome.RESET;
                result.detail = e.getMessage();
            } catch (IOException e) {
                result.outcome = Outcome.LOCAL_ERROR;
                result.detail = e.getMessage();
            }
        }

        private boolean done(SSLEngineResult.HandshakeStatus hs) {
            return hs == SSLEngineResult.HandshakeStatus.FINISHED || hs == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
        }

        private void step() throws IOException {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK:
                    for (Runnable t; (t = engine.getDelegatedTask()) != null;) t.run();
                    break;
                case NEED_WRAP:
                    wrap();
                    break;
                default:
                    unwrap();
            }
        }

        private void wrap() throws IOException {
            netOut.clear();
            SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                return;
            }
            flush();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) throw new SSLException("the handshake was closed by this side");
        }

        private void flush() throws IOException {
            netOut.flip();
            if (!netOut.hasRemaining()) return;
            byte[] b = new byte[netOut.remaining()];
            netOut.get(b);
            decoder.feed(Direction.CLIENT_TO_SERVER, b);
            out.write(b);
            out.flush();
        }

        /** Returns true when the unwrap consumed a record. */
        private boolean unwrap() throws IOException {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, app);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW:
                    readMore();
                    return false;
                case BUFFER_OVERFLOW:
                    app = ByteBuffer.allocate(app.capacity() * 2);
                    return false;
                case CLOSED:
                    throw new EndOfStream();
                default:
                    app.clear();
                    return r.bytesConsumed() > 0;
            }
        }

        private void readMore() throws IOException {
            int n = in.read(readBuf);
            if (n < 0) throw new EndOfStream();
            if (result.serverBytes == 0 && (readBuf[0] < 20 || readBuf[0] > 24)) {
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < Math.min(n, 8); i++) hex.append(String.format("%02x ", readBuf[i] & 0xff));
                throw new NotTls("the server answered with bytes that are not TLS records (" + hex.toString().trim() + ")");
            }
            result.serverBytes += n;
            decoder.feed(Direction.SERVER_TO_CLIENT, readBuf, 0, n);
            if (netIn.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(netIn.position() + n + 1024);
                netIn.flip();
                bigger.put(netIn);
                netIn = bigger;
            }
            netIn.put(readBuf, 0, n);
        }

        /**
         * TLS 1.3 client authentication: the client's Certificate goes out with its Finished, so a
         * server that refuses it answers only after the handshake is over here. Wait a little for
         * that answer: its first record (a NewSessionTicket) or silence means accepted.
         */
        private void awaitVerdict() {
            try {
                socket.setSoTimeout(Math.min(ioTimeout, 1500));
                long deadline = System.nanoTime() + Math.min(ioTimeout, 1500) * 1_000_000L;
                while (System.nanoTime() < deadline) {
                    if (unwrap()) return;
                }
            } catch (SocketTimeoutException e) {
                // silence: nothing says no
            } catch (EndOfStream e) {
                result.outcome = result.alert != null ? Outcome.ALERT : Outcome.CLOSED;
                result.rejectedAfterHandshake = true;
            } catch (SSLException e) {
                Matcher m = ALERT.matcher(String.valueOf(e.getMessage()));
                result.outcome = Outcome.ALERT;
                if (m.find()) result.alert = m.group(1);
                result.rejectedAfterHandshake = true;
            } catch (IOException e) {
                result.outcome = Outcome.RESET;
                result.detail = e.getMessage();
                result.rejectedAfterHandshake = true;
            }
        }

        private void closeGracefully() {
            try {
                engine.closeOutbound();
                wrap();
            } catch (IOException | RuntimeException e) {
                // the probe is over either way
            }
        }

        private void flushAlert() {
            try {
                if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) wrap();
            } catch (IOException | RuntimeException e) {
                // the server may be gone already
            }
        }
    }

    private static final class EndOfStream extends EOFException {
        private static final long serialVersionUID = 1L;
    }

    private static final class NotTls extends IOException {
        private static final long serialVersionUID = 1L;

        NotTls(String m) {
            super(m);
        }
    }

    /** Records the chain and lets the handshake go on: judging it is the preflight's job, with the user's CA. */
    private final class RecordingTrustManager extends X509ExtendedTrustManager {
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            result.serverChain = List.of(chain);
        }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            result.serverChain = List.of(chain);
        }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {
            result.serverChain = List.of(chain);
        }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    /** Notes that the server sent a CertificateRequest (JSSE asks the key manager then), and offers the client certificate if any. */
    private final class RecordingKeyManager extends X509ExtendedKeyManager {
        @Override public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            result.certificateRequested = true;
            if (issuers != null && issuers.length > 0) {
                List<String> names = new ArrayList<>();
                for (Principal p : issuers) names.add(p.getName());
                result.acceptedIssuers = names;
            }
            String alias = clientKeys == null ? null : clientKeys.chooseEngineClientAlias(keyType, issuers, engine);
            if (alias != null) result.clientCertificateOffered = true;
            return alias;
        }
        @Override public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return chooseEngineClientAlias(keyType, issuers, null);
        }
        @Override public X509Certificate[] getCertificateChain(String alias) {
            return clientKeys == null ? null : clientKeys.getCertificateChain(alias);
        }
        @Override public PrivateKey getPrivateKey(String alias) {
            return clientKeys == null ? null : clientKeys.getPrivateKey(alias);
        }
        @Override public String[] getClientAliases(String keyType, Principal[] issuers) {
            return clientKeys == null ? null : clientKeys.getClientAliases(keyType, issuers);
        }
        @Override public String[] getServerAliases(String keyType, Principal[] issuers) { return null; }
        @Override public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) { return null; }
    }
}
