package io.netstep.preflight;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The connection settings the firmware will use, for {@link Preflight} and {@link MqttPeer}.
 * Fluent setters; {@link #problems()} lists what is wrong before anything is tried. Not
 * thread-safe: fill it, then hand it over (both users take a {@link #copy()}).
 * {@link #toString()} never shows the password or the key.
 */
public final class PreflightSettings {

    /** The TLS version the firmware negotiates (one, as an MCU build usually enables one). */
    public enum TlsVersion {
        TLS_1_2("TLSv1.2"), TLS_1_3("TLSv1.3");

        private final String jsseName;

        TlsVersion(String jsseName) {
            this.jsseName = jsseName;
        }

        /** "TLSv1.2" / "TLSv1.3". */
        public String jsseName() {
            return jsseName;
        }

        /** "1.2" or "1.3" (also "TLSv1.2", "tls1.3"); anything else: an error naming what is known. */
        public static TlsVersion parse(String s) {
            String v = s == null ? "" : s.trim().toLowerCase().replace("tlsv", "").replace("tls", "");
            switch (v) {
                case "1.2": return TLS_1_2;
                case "1.3": return TLS_1_3;
                default: throw new IllegalArgumentException("unknown TLS version '" + s + "': use 1.2 or 1.3");
            }
        }
    }

    private String host;
    private int port = -1;
    private InetAddress address;
    private boolean tls = true;
    private TlsVersion tlsVersion = TlsVersion.TLS_1_2;
    private boolean sni = true;
    private String sniName;
    private byte[] caPem;
    private byte[] clientCertificatePem;
    private byte[] clientKeyPem;
    private String clientId;
    private String username;
    private char[] password;
    private int keepAliveSeconds = 60;
    private String testTopic;
    private int connectTimeoutMillis = 5000;
    private int ioTimeoutMillis = 5000;

    public PreflightSettings host(String h) { this.host = h == null ? null : h.trim(); return this; }
    /** -1 (the default) means 8883 with TLS, 1883 without. */
    public PreflightSettings port(int p) { this.port = p; return this; }
    /** Connect to this address instead of resolving the host (like curl's --resolve); the host still names the broker for SNI and the certificate check. */
    public PreflightSettings address(InetAddress a) { this.address = a; return this; }
    public PreflightSettings tls(boolean on) { this.tls = on; return this; }
    public PreflightSettings tlsVersion(TlsVersion v) { this.tlsVersion = v; return this; }
    /** SNI on/off; on with a null name sends the host. */
    public PreflightSettings sni(boolean on) { this.sni = on; return this; }
    /** The name sent as SNI and checked against the server certificate (default: the host). */
    public PreflightSettings sniName(String n) { this.sniName = n == null || n.isBlank() ? null : n.trim(); return this; }
    /** The CA certificate(s) the firmware trusts, PEM or DER. */
    public PreflightSettings caPem(byte[] pem) { this.caPem = pem == null ? null : pem.clone(); return this; }
    public PreflightSettings clientCertificatePem(byte[] pem) { this.clientCertificatePem = pem == null ? null : pem.clone(); return this; }
    /** The client's private key, PEM (PKCS#8 or PKCS#1 / SEC1), unencrypted as the firmware holds it. */
    public PreflightSettings clientKeyPem(byte[] pem) { this.clientKeyPem = pem == null ? null : pem.clone(); return this; }
    public PreflightSettings clientId(String id) { this.clientId = id; return this; }
    public PreflightSettings username(String u) { this.username = u == null || u.isEmpty() ? null : u; return this; }
    public PreflightSettings password(char[] p) { this.password = p == null ? null : p.clone(); return this; }
    public PreflightSettings keepAliveSeconds(int s) { this.keepAliveSeconds = s; return this; }
    /** A topic the client may subscribe and publish to (no wildcards); default {@code netstep/preflight/CLIENTID}. */
    public PreflightSettings testTopic(String t) { this.testTopic = t; return this; }
    public PreflightSettings connectTimeoutMillis(int ms) { this.connectTimeoutMillis = ms; return this; }
    /** Longest wait for any answer of the broker (TLS flight, CONNACK, SUBACK, a message). */
    public PreflightSettings ioTimeoutMillis(int ms) { this.ioTimeoutMillis = ms; return this; }

    public PreflightSettings caFile(Path f) throws IOException { return caPem(read(f, "CA file")); }
    public PreflightSettings clientCertificateFile(Path f) throws IOException { return clientCertificatePem(read(f, "client certificate file")); }
    public PreflightSettings clientKeyFile(Path f) throws IOException { return clientKeyPem(read(f, "client key file")); }

    private static byte[] read(Path f, String what) throws IOException {
        if (f == null) return null;
        if (!Files.isRegularFile(f)) throw new IOException(what + " " + f + " does not exist or is not a file");
        return Files.readAllBytes(f);
    }

    public String host() { return host; }
    public int port() { return port > 0 ? port : (tls ? 8883 : 1883); }
    public InetAddress address() { return address; }
    public boolean tls() { return tls; }
    public TlsVersion tlsVersion() { return tlsVersion; }
    public boolean sni() { return sni; }
    /** The name to send as SNI: the explicit name, else the host; null when SNI is off. */
    public String effectiveSniName() {
        String n = sni ? (sniName != null ? sniName : host) : null;
        return n == null || isAddress(n) ? null : n; // SNI carries host names only (RFC 6066 section 3)
    }

    static boolean isAddress(String n) {
        return n.matches("[0-9.]+") || n.contains(":");
    }
    public String sniName() { return sniName; }
    /** The name the server certificate must carry: the SNI name when SNI is on, else the host. */
    public String expectedServerName() { return sniName != null ? sniName : host; }
    public byte[] caPem() { return caPem == null ? null : caPem.clone(); }
    public byte[] clientCertificatePem() { return clientCertificatePem == null ? null : clientCertificatePem.clone(); }
    public byte[] clientKeyPem() { return clientKeyPem == null ? null : clientKeyPem.clone(); }
    public String clientId() { return clientId; }
    public String username() { return username; }
    public char[] password() { return password == null ? null : password.clone(); }
    public int keepAliveSeconds() { return keepAliveSeconds; }
    public String testTopic() {
        if (testTopic != null && !testTopic.isEmpty()) return testTopic;
        return "netstep/preflight/" + (clientId == null || clientId.isEmpty() ? "client" : clientId);
    }
    public int connectTimeoutMillis() { return connectTimeoutMillis; }
    public int ioTimeoutMillis() { return ioTimeoutMillis; }

    /** A client ID that is the configured one, or a fresh one when none is set. */
    String clientIdOrFresh(String prefix) {
        return clientId != null ? clientId : prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** What is wrong with these settings, in plain words; empty when they can be tried. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (host == null || host.isEmpty()) p.add("no broker host given");
        else if (host.contains("://")) p.add("the host '" + host + "' is a URL: give the name only (e.g. broker.example.com) and the port separately");
        else if (host.contains(" ") || host.contains("/")) p.add("the host '" + host + "' is not a host name or address");
        if (port != -1 && (port < 1 || port > 65535)) p.add("port " + port + " is out of range 1..65535");
        if (!tls && (caPem != null || clientCertificatePem != null || clientKeyPem != null))
            p.add("certificates are given but TLS is off: turn TLS on or drop the certificates");
        if ((clientCertificatePem == null) != (clientKeyPem == null))
            p.add(clientCertificatePem == null ? "a client key is given without its certificate" : "a client certificate is given without its key");
        if (sniName != null && (sniName.matches("[0-9.]+") || sniName.contains(":")))
            p.add("SNI name '" + sniName + "' is an address: SNI carries host names only (RFC 6066)");
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) p.add("keepalive " + keepAliveSeconds + " s is out of range 0..65535");
        if (clientId != null && clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 65535) p.add("client ID too long");
        String t = testTopic();
        if (t.contains("#") || t.contains("+")) p.add("the test topic '" + t + "' has a wildcard: give a plain topic the client may publish to");
        if (t.isEmpty() || t.contains("\u0000")) p.add("the test topic is empty or has a NUL character");
        if (password != null && username == null) p.add("a password needs a user name in MQTT 3.1.1");
        if (connectTimeoutMillis < 100 || ioTimeoutMillis < 100) p.add("timeouts must be at least 100 ms");
        return p;
    }

    public PreflightSettings copy() {
        PreflightSettings c = new PreflightSettings();
        c.host = host; c.port = port; c.address = address; c.tls = tls; c.tlsVersion = tlsVersion; c.sni = sni;
        c.sniName = sniName; c.caPem = caPem(); c.clientCertificatePem = clientCertificatePem(); c.clientKeyPem = clientKeyPem();
        c.clientId = clientId; c.username = username; c.password = password(); c.keepAliveSeconds = keepAliveSeconds;
        c.testTopic = testTopic; c.connectTimeoutMillis = connectTimeoutMillis; c.ioTimeoutMillis = ioTimeoutMillis;
        return c;
    }

    /** Forgets the password and key held here. */
    public void wipeSecrets() {
        if (password != null) Arrays.fill(password, '\0');
        if (clientKeyPem != null) Arrays.fill(clientKeyPem, (byte) 0);
        password = null;
        clientKeyPem = null;
    }

    /** The settings without secrets. */
    @Override
    public String toString() {
        return host + ":" + port() + (address != null ? " (at " + address.getHostAddress() + ")" : "")
                + (tls ? " TLS " + tlsVersion.jsseName() + (effectiveSniName() != null ? " SNI " + effectiveSniName() : " no SNI")
                        + (caPem != null ? " CA" : "") + (clientCertificatePem != null ? " client-cert" : "") : " plain")
                + " client-id " + (clientId == null ? "(a fresh one)" : clientId) + (username != null ? " user " + username + (password != null ? " password ***" : "") : "")
                + " keepalive " + keepAliveSeconds + " s topic " + testTopic();
    }
}
