package io.netstep.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the generator needs to write an STM32CubeIDE project: board and pins, broker,
 * MQTT, TLS, certificates, network, and where ioLibrary, the MQTT client and the NetStep shim
 * live. Build one with {@link #builder(String)}; {@link #problems()} says what is wrong before
 * anything is written. Directory strings are kept as the user gave them: absolute, or relative
 * to the project directory (that keeps a generated project movable with its checkout). A null
 * shim folder means: copy the NetStep shim's sources into the project ({@link #COPIED_SHIM_DIR}),
 * so the Host configuration builds without a NetStep checkout.
 */
public record ProjectSpec(String name, BoardPreset board, W5500Pins pins, Broker broker, Mqtt mqtt, Tls tls,
        Certificates certificates, Network network, String ioLibraryDir, String mqttClientDir, String shimDir) {

    /** The broker: profile, host (AWS IoT: the endpoint), port, AWS thing name (else null). */
    public record Broker(BrokerProfile profile, String host, int port, String thingName) { }

    /**
     * MQTT 3.1.1: client identifier, keepalive, topics (all subscribed; the first one gets the hello),
     * and the CONNECT's user name and password (null = none). The credentials go to
     * {@code Core/Inc/netstep_secrets.h}, never into the other sources; {@link #toString()} hides the password.
     */
    public record Mqtt(String clientId, int keepAliveSeconds, List<String> topics, String message,
            int commandTimeoutMs, int bufferSize, String userName, String password) {
        public Mqtt {
            topics = List.copyOf(topics);
            userName = userName == null || userName.isEmpty() ? null : userName;
            password = password == null || password.isEmpty() ? null : password;
        }

        public boolean hasCredentials() {
            return userName != null || password != null;
        }

        @Override
        public String toString() {
            return "Mqtt[clientId=" + clientId + ", keepAliveSeconds=" + keepAliveSeconds + ", topics=" + topics
                    + ", userName=" + userName + ", password=" + (password == null ? "none" : "(hidden)") + "]";
        }
    }

    /**
     * TLS: the library, the version it is pinned to, the input buffer the broker's largest record
     * needs (F3) and the output buffer the device's largest record needs (its Certificate message with
     * mutual TLS, else the biggest MQTT packet). SNI is always on.
     */
    public record Tls(TlsLibrary library, TlsVersion version, int inputBufferBytes, int outputBufferBytes,
            int handshakeTimeoutMs) { }

    /** Certificate files (PEM or DER) that become C arrays; null = none. */
    public record Certificates(Path ca, Path clientCertificate, Path clientKey) { }

    /** DHCP, or a static address (dotted quads). The MAC address is the chip's (SHAR). */
    public record Network(boolean dhcp, String mac, String ip, String netmask, String gateway, String dns) { }

    public static final int DEFAULT_TLS_BUFFER = 16384;
    /** MBEDTLS_SSL_OUT_CONTENT_LEN's default is the full record; 4096 holds a one-certificate chain and small MQTT packets. */
    public static final int DEFAULT_TLS_OUT_BUFFER = 4096;
    /** Where the shim's sources go when they are copied into the project. */
    public static final String COPIED_SHIM_DIR = "NetStep/shim";
    /** The Certificate record AWS IoT sends is about 5 KB and it does not negotiate max_fragment_length. */
    public static final int AWS_MIN_TLS_BUFFER = 6144;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    public ProjectSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(network, "network");
    }

    /** The directory of the MQTT client: the given one, else ioLibrary's Internet/MQTT (paho embedded-c). */
    public String effectiveMqttClientDir() {
        if (mqttClientDir != null && !mqttClientDir.isBlank()) {
            return mqttClientDir;
        }
        return ioLibraryDir + "/Internet/MQTT";
    }

    /** True when the shim's sources are copied into the project ({@link #COPIED_SHIM_DIR}). */
    public boolean copiesShim() {
        return shimDir == null || shimDir.isBlank();
    }

    /** The shim folder the Host configuration builds against: the given one or the copy in the project. */
    public String effectiveShimDir() {
        return copiesShim() ? COPIED_SHIM_DIR : shimDir;
    }

    /** The name the TLS session sends as SNI and checks the broker's certificate against. */
    public String serverName() {
        return broker.host();
    }

    /** Errors (nothing may be generated) and warnings, in the user's words. */
    public List<SpecProblem> problems() {
        List<SpecProblem> p = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            p.add(SpecProblem.error("name", "'" + name + "' is not a usable project name (letters, digits, _ . -; starting with a letter)"));
        }
        checkPins(p);
        checkBroker(p);
        checkMqtt(p);
        checkTls(p);
        checkCertificates(p);
        checkNetwork(p);
        if (ioLibraryDir == null || ioLibraryDir.isBlank()) {
            p.add(SpecProblem.error("ioLibrary", "the folder of WIZnet ioLibrary is not set"));
        }
        return p;
    }

    public List<SpecProblem> errors() {
        return problems().stream().filter(SpecProblem::isError).toList();
    }

    private void checkPins(List<SpecProblem> p) {
        if (!board.mosiChoices().contains(pins.mosi())) {
            p.add(SpecProblem.error("pins.mosi", board.spi() + "_MOSI is on " + String.join(" or ", board.mosiChoices())
                    + " on " + board.boardName() + ", not " + pins.mosi()));
        }
        Set<String> used = new HashSet<>(List.of(board.sck(), board.miso(), pins.mosi()));
        for (String[] pin : new String[][] {{"pins.cs", pins.chipSelect()}, {"pins.reset", pins.reset()},
                {"pins.int", pins.interrupt()}}) {
            if (!used.add(pin[1])) {
                p.add(SpecProblem.error(pin[0], pin[1] + " is already used by another W5500 line"));
            }
        }
        if (board == BoardPreset.NUCLEO_F429ZI && pins.mosi().equals("PA7")) {
            p.add(SpecProblem.warning("pins.mosi", "on the NUCLEO-F429ZI, PA7 (D11, SPI1_MOSI) is also the Ethernet PHY's "
                    + "RMII_CRS_DV: remove jumper JP6 or the PHY fights MOSI, or use PB5 for MOSI"));
        }
        if (board == BoardPreset.NUCLEO_F429ZI && List.of("PC13", "PA13", "PA14").contains(pins.interrupt())) {
            p.add(SpecProblem.warning("pins.int", pins.interrupt() + " is used on the board (user button / SWD)"));
        }
    }

    private void checkBroker(List<SpecProblem> p) {
        String host = broker.host();
        if (host == null || host.isBlank()) {
            p.add(SpecProblem.error("broker.host", broker.profile() == BrokerProfile.AWS_IOT
                    ? "the AWS IoT endpoint (…-ats.iot.<region>.amazonaws.com) is not set" : "the broker's host is not set"));
        } else if (!HOST.matcher(host).matches()) {
            p.add(SpecProblem.error("broker.host", "'" + host + "' is not a host name or IPv4 address"));
        }
        if (broker.port() < 1 || broker.port() > 65535) {
            p.add(SpecProblem.error("broker.port", "port " + broker.port() + " is out of range"));
        }
        if (broker.profile() == BrokerProfile.AWS_IOT) {
            if (broker.thingName() == null || broker.thingName().isBlank()) {
                p.add(SpecProblem.error("broker.thing", "AWS IoT needs the thing name (it is the MQTT client ID)"));
            }
            if (broker.port() != 8883) {
                p.add(SpecProblem.error("broker.port", "AWS IoT takes MQTT over TLS with a client certificate on port 8883 "
                        + "(443 needs ALPN, which this glue does not set)"));
            }
            if (host != null && QUAD.matcher(host).matches()) {
                p.add(SpecProblem.error("broker.host", "AWS IoT needs its endpoint name, not an address: it is the SNI"));
            }
        } else if (host != null && QUAD.matcher(host).matches() && certificates.ca() != null) {
            p.add(SpecProblem.warning("broker.host", "an address as broker host: the broker's certificate must name "
                    + host + " (SNI and the name check use it)"));
        }
    }

    private void checkMqtt(List<SpecProblem> p) {
        String id = mqtt.clientId();
        if (id == null || id.isEmpty() || id.length() > 128) {
            p.add(SpecProblem.error("mqtt.clientId", "the client ID must have 1 to 128 characters"));
        } else if (id.contains("\"") || id.contains("\\")) {
            p.add(SpecProblem.error("mqtt.clientId", "the client ID must not contain quotes or backslashes"));
        } else if (id.length() > 23 || !id.matches("[0-9A-Za-z]*")) {
            p.add(SpecProblem.warning("mqtt.clientId", "MQTT 3.1.1 servers must accept 1-23 letters and digits; '" + id
                    + "' may be refused by some brokers"));
        }
        if (mqtt.keepAliveSeconds() < 0 || mqtt.keepAliveSeconds() > 65535) {
            p.add(SpecProblem.error("mqtt.keepAlive", "keepalive must be 0 to 65535 seconds"));
        }
        if (mqtt.topics().isEmpty()) {
            p.add(SpecProblem.error("mqtt.topics", "at least one topic is needed"));
        }
        for (String t : mqtt.topics()) {
            if (t.isEmpty() || t.contains("#") || t.contains("+") || t.contains("\"") || t.contains("\\")) {
                p.add(SpecProblem.error("mqtt.topics", "'" + t + "' cannot be published to (no wildcards, quotes or backslashes)"));
            }
        }
        if (broker.profile() == BrokerProfile.AWS_IOT && broker.thingName() != null && !broker.thingName().isBlank()) {
            if (!broker.thingName().equals(id)) {
                p.add(SpecProblem.warning("mqtt.clientId", "AWS IoT policies usually allow only the thing name ("
                        + broker.thingName() + ") as client ID"));
            }
            String prefix = "things/" + broker.thingName() + "/";
            for (String t : mqtt.topics()) {
                if (!t.startsWith(prefix) && !t.startsWith("$aws/things/" + broker.thingName() + "/")) {
                    p.add(SpecProblem.warning("mqtt.topics", "'" + t + "' is outside " + prefix
                            + "…: AWS IoT closes the connection without a reason when the policy forbids a topic"));
                }
            }
        }
        if (mqtt.message() == null || mqtt.message().contains("\"") || mqtt.message().contains("\\")) {
            p.add(SpecProblem.error("mqtt.message", "the message must not contain quotes or backslashes"));
        }
        for (String[] f : new String[][] {{"mqtt.user", mqtt.userName()}, {"mqtt.password", mqtt.password()}}) {
            if (f[1] != null && (f[1].length() > 65535 || f[1].chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f))) {
                p.add(SpecProblem.error(f[0], "the " + f[0].substring(5) + " must be 1 to 65535 characters without control characters"));
            }
        }
        if (mqtt.password() != null && mqtt.userName() == null) {
            p.add(SpecProblem.error("mqtt.password", "MQTT 3.1.1 sends a password only with a user name"));
        }
        if (mqtt.bufferSize() < 128 || mqtt.bufferSize() > 65536) {
            p.add(SpecProblem.error("mqtt.bufferSize", "the MQTT buffers must be 128 to 65536 bytes"));
        }
    }

    private void checkTls(List<SpecProblem> p) {
        int in = tls.inputBufferBytes();
        if (in < 512 || in > 16384) {
            p.add(SpecProblem.error("tls.inputBuffer", "the TLS input buffer must be 512 to 16384 bytes (TLS records carry up to 16384)"));
        } else if (broker.profile() == BrokerProfile.AWS_IOT && in < AWS_MIN_TLS_BUFFER) {
            p.add(SpecProblem.error("tls.inputBuffer", in + " bytes is too small for AWS IoT: its Certificate record is about 5 KB "
                    + "and it does not negotiate max_fragment_length; use 16384"));
        } else if (in < DEFAULT_TLS_BUFFER) {
            p.add(SpecProblem.warning("tls.inputBuffer", in + " bytes works only if every record the broker sends fits "
                    + "(measure it with netstep preflight); 16384 is always enough"));
        }
        int out = tls.outputBufferBytes();
        if (out < 512 || out > 16384) {
            p.add(SpecProblem.error("tls.outputBuffer", "the TLS output buffer must be 512 to 16384 bytes"));
        } else {
            int certificateMessage = ClientCertificates.handshakeMessageLength(certificates.clientCertificate());
            if (certificateMessage > out) {
                p.add(SpecProblem.error("tls.outputBuffer", "the device's Certificate message is " + certificateMessage
                        + " bytes and does not fit the " + out + "-byte TLS output buffer (mbedTLS does not fragment it): use at least "
                        + ((certificateMessage + 1023) / 1024 * 1024)));
            }
            if (mqtt.bufferSize() > out) {
                p.add(SpecProblem.warning("tls.outputBuffer", "MQTT packets up to " + mqtt.bufferSize() + " bytes are sent in "
                        + out + "-byte records: it works, but costs a record header and MAC per piece"));
            }
        }
        if (tls.version() == TlsVersion.TLS_1_3 && tls.library() == TlsLibrary.MBEDTLS) {
            p.add(SpecProblem.error("tls.version", "mbedTLS 2.x (Debian's 2.28, STM32Cube's middleware) does only TLS 1.2: "
                    + "choose TLS 1.2 or wolfSSL"));
        }
        if (tls.handshakeTimeoutMs() < 1000) {
            p.add(SpecProblem.error("tls.handshakeTimeout", "give the handshake at least 1000 ms"));
        }
    }

    private void checkCertificates(List<SpecProblem> p) {
        Certificates c = certificates;
        for (Object[] f : new Object[][] {{"certificates.ca", c.ca()}, {"certificates.cert", c.clientCertificate()},
                {"certificates.key", c.clientKey()}}) {
            Path file = (Path) f[1];
            if (file != null && !Files.isReadable(file)) {
                p.add(SpecProblem.error((String) f[0], file + " cannot be read"));
            }
        }
        if ((c.clientCertificate() == null) != (c.clientKey() == null)) {
            p.add(SpecProblem.error("certificates", "a client certificate needs its key and the key its certificate"));
        }
        switch (broker.profile()) {
            case AWS_IOT -> {
                if (c.clientCertificate() == null) {
                    p.add(SpecProblem.error("certificates.cert", "AWS IoT requires a device certificate and its key"));
                }
                if (c.ca() == null) {
                    p.add(SpecProblem.error("certificates.ca", "AWS IoT: give the CA that signs the endpoint (Amazon Root CA 1)"));
                }
            }
            case EMBEDDED -> {
                if (c.ca() != null) {
                    p.add(SpecProblem.warning("certificates.ca", "the embedded broker makes a new CA each run; the host build "
                            + "takes it from NETSTEP_BROKER_CA and the CA array is used only when that is not set"));
                }
            }
            default -> {
                if (c.ca() == null) {
                    p.add(SpecProblem.warning("certificates.ca", "no CA: the firmware will not verify the broker"));
                }
            }
        }
    }

    private void checkNetwork(List<SpecProblem> p) {
        if (network.mac() == null || !MAC.matcher(network.mac()).matches()) {
            p.add(SpecProblem.error("network.mac", "'" + network.mac() + "' is not a MAC address like 00:08:DC:01:02:03"));
        }
        if (!network.dhcp()) {
            for (String[] f : new String[][] {{"network.ip", network.ip()}, {"network.netmask", network.netmask()},
                    {"network.gateway", network.gateway()}, {"network.dns", network.dns()}}) {
                if (f[1] == null || !QUAD.matcher(f[1]).matches()) {
                    p.add(SpecProblem.error(f[0], "a static address needs " + f[0].substring(8) + " as A.B.C.D"));
                }
            }
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects settings; {@link #build()} fills in what the profile implies (port, client ID, topics). */
    public static final class Builder {
        private final String name;
        private BoardPreset board = BoardPreset.NUCLEO_F429ZI;
        private W5500Pins pins;
        private BrokerProfile profile = BrokerProfile.EMBEDDED;
        private String host;
        private Integer port;
        private String thing;
        private String clientId;
        private int keepAlive = 60;
        private final List<String> topics = new ArrayList<>();
        private String message = "hello from NetStep";
        private TlsLibrary tlsLibrary = TlsLibrary.MBEDTLS;
        private int tlsBuffer = DEFAULT_TLS_BUFFER;
        private int tlsOutBuffer = DEFAULT_TLS_OUT_BUFFER;
        private TlsVersion tlsVersion = TlsVersion.TLS_1_2;
        private String userName;
        private String password;
        private Path ca;
        private Path cert;
        private Path key;
        private Network network = new Network(true, "00:08:DC:4E:53:10", null, null, null, null);
        private String ioLibraryDir;
        private String mqttClientDir;
        private String shimDir;

        private Builder(String name) {
            this.name = name;
        }

        public Builder board(BoardPreset b) { this.board = b; return this; }
        public Builder pins(W5500Pins p) { this.pins = p; return this; }
        public Builder profile(BrokerProfile p) { this.profile = p; return this; }
        /** HOST or HOST:PORT. */
        public Builder broker(String hostAndPort) {
            int colon = hostAndPort.lastIndexOf(':');
            if (colon > 0) {
                try {
                    this.port = Integer.parseInt(hostAndPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + hostAndPort + "' is not HOST:PORT");
                }
                this.host = hostAndPort.substring(0, colon);
            } else {
                this.host = hostAndPort;
            }
            return this;
        }
        public Builder host(String h) { this.host = h; return this; }
        public Builder port(int p) { this.port = p; return this; }
        public Builder thing(String t) { this.thing = t; return this; }
        public Builder clientId(String id) { this.clientId = id; return this; }
        public Builder keepAlive(int seconds) { this.keepAlive = seconds; return this; }
        public Builder topic(String t) { this.topics.add(t); return this; }
        public Builder message(String m) { this.message = m; return this; }
        public Builder tls(TlsLibrary t) { this.tlsLibrary = t; return this; }
        public Builder tlsInputBuffer(int bytes) { this.tlsBuffer = bytes; return this; }
        public Builder tlsOutputBuffer(int bytes) { this.tlsOutBuffer = bytes; return this; }
        public Builder tlsVersion(TlsVersion v) { this.tlsVersion = v; return this; }
        /** The MQTT CONNECT's user name (null or empty = none). */
        public Builder userName(String u) { this.userName = u; return this; }
        /** The MQTT CONNECT's password (null or empty = none); it goes only to Core/Inc/netstep_secrets.h. */
        public Builder password(String p) { this.password = p; return this; }
        public Builder ca(Path p) { this.ca = p; return this; }
        public Builder clientCertificate(Path p) { this.cert = p; return this; }
        public Builder clientKey(Path p) { this.key = p; return this; }
        public Builder network(Network n) { this.network = n; return this; }
        public Builder ioLibrary(String dir) { this.ioLibraryDir = dir; return this; }
        public Builder mqttClient(String dir) { this.mqttClientDir = dir; return this; }
        /** The NetStep shim folder to build against; null = copy its sources into the project. */
        public Builder shim(String dir) { this.shimDir = dir; return this; }

        public ProjectSpec build() {
            String h = host;
            int p = port != null ? port : 8883;
            String id = clientId;
            List<String> t = new ArrayList<>(topics);
            if (profile == BrokerProfile.EMBEDDED && (h == null || h.isBlank())) {
                h = "broker.netstep.test";
            }
            if (profile == BrokerProfile.AWS_IOT) {
                if (id == null && thing != null) {
                    id = thing;
                }
                if (t.isEmpty() && thing != null) {
                    t.add("things/" + thing + "/echo");
                }
            }
            if (id == null) {
                id = "nucleo" + Integer.toHexString(name.hashCode() & 0xffff);
            }
            if (t.isEmpty()) {
                t.add("netstep/" + id + "/echo");
            }
            return new ProjectSpec(name, board, pins != null ? pins : board.defaultPins(),
                    new Broker(profile, h, p, profile == BrokerProfile.AWS_IOT ? thing : null),
                    new Mqtt(id, keepAlive, t, message, 5000, 1024, userName, password),
                    new Tls(tlsLibrary, tlsVersion, tlsBuffer, tlsOutBuffer, 15000),
                    new Certificates(ca, cert, key), network, ioLibraryDir, mqttClientDir, shimDir);
        }
    }
}
