package io.netstep.cloud;

import io.netstep.net.NetworkOptions;
import io.netstep.net.broker.EmbeddedBroker;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A cloud the virtual network can stand in for. For now one: {@code aws-iot[:THING]}, an AWS IoT
 * Core endpoint emulated on 127.0.0.1 (see {@link AwsIotEmulator}) in front of an embedded
 * broker, reached by the chip through the name map ({@code *.iot.*.amazonaws.com:8883}).
 *
 * <pre>
 * AwsIotOptions o = CloudProfile.parse("aws-iot:my-thing").clock(session::nanos);
 * try (CloudProfile cloud = CloudProfile.start(o, sessionListener)) {
 *     cloud.applyTo(networkOptions);                 // before the VirtualNetwork is built
 *     cloud.device().writePem(dir);                  // root CA, thing certificate and key for the firmware
 *     ...
 * }
 * </pre>
 */
public final class CloudProfile implements AutoCloseable {

    private final AwsIotOptions options;
    private final AwsIotPki pki;
    private final EmbeddedBroker broker; // null when the broker is the user's
    private final int brokerPort;
    private final AwsIotEmulator emulator;

    private CloudProfile(AwsIotOptions options, AwsIotPki pki, EmbeddedBroker broker, AwsIotEmulator emulator) {
        this.options = options;
        this.pki = pki;
        this.broker = broker;
        this.emulator = emulator;
        this.brokerPort = broker != null ? broker.port() : emulator.brokerPort();
    }

    /** {@code aws-iot} or {@code aws-iot:THING} (the {@code --cloud} value); anything else gets an error naming what is known. */
    public static AwsIotOptions parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("--cloud needs a profile: aws-iot[:THING]");
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        if (!name.equals("aws-iot")) throw new IllegalArgumentException("unknown cloud profile '" + name + "': known is aws-iot[:THING]");
        AwsIotOptions o = new AwsIotOptions();
        if (colon >= 0) o.thingName(s.substring(colon + 1));
        return o;
    }

    /** Makes the account's certificates, starts a plain embedded broker and the emulator in front of it. */
    public static CloudProfile start(AwsIotOptions options, CloudListener listener) throws IOException {
        AwsIotPki pki = AwsIotPki.generate(options);
        EmbeddedBroker broker = EmbeddedBroker.startPlain();
        try {
            return new CloudProfile(options, pki, broker, AwsIotEmulator.start(options, pki, broker.port(), listener));
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /**
     * Like {@link #start(AwsIotOptions, CloudListener)} but in front of a plain MQTT 3.1.1 broker that
     * already listens on 127.0.0.1:{@code brokerPort} (e.g. a mosquitto the user runs); it is not
     * stopped by {@link #close()}.
     */
    public static CloudProfile start(AwsIotOptions options, int brokerPort, CloudListener listener) throws IOException {
        if (brokerPort < 1 || brokerPort > 65535) throw new IllegalArgumentException("broker port out of range: " + brokerPort);
        AwsIotPki pki = AwsIotPki.generate(options);
        return new CloudProfile(options, pki, null, AwsIotEmulator.start(options, pki, brokerPort, listener));
    }

    /**
     * Sends the chip's connections to AWS IoT endpoints ({@code *.iot.*.amazonaws.com} on 8883 and
     * the configured endpoint name on 8883) to the emulator. Call before the network is built.
     */
    public void applyTo(NetworkOptions network) {
        network.map(options.endpoint() + ":8883=127.0.0.1:" + emulator.port());
        network.map("*.iot.*.amazonaws.com:8883=127.0.0.1:" + emulator.port());
    }

    public AwsIotOptions options() { return options; }
    public AwsIotPki pki() { return pki; }
    /** The profile thing's device certificate and key (write them for the firmware with {@link AwsIotPki.Device#writePem}). */
    public AwsIotPki.Device device() { return pki.device(); }
    public AwsIotEmulator emulator() { return emulator; }
    public String endpoint() { return options.endpoint(); }
    /** The emulator's port on 127.0.0.1. */
    public int port() { return emulator.port(); }
    /** The plain broker behind the emulator (for tools that want to watch all traffic unchecked). */
    public int brokerPort() { return brokerPort; }

    /** Writes the device's files ({@code AmazonRootCA1.pem}, {@code THING.cert.pem}, {@code THING.private.key}). */
    public AwsIotPki.DeviceFiles writeDeviceFiles(Path dir) throws IOException {
        return pki.device().writePem(dir);
    }

    /** One line for the run header: where the endpoint is and which policy rules. No secrets. */
    public String describe() {
        return "cloud aws-iot: endpoint " + options.endpoint() + " -> 127.0.0.1:" + emulator.port() + ", thing " + options.thingName()
                + ", policy " + emulator.policy().source();
    }

    @Override public void close() {
        emulator.close();
        if (broker != null) broker.close();
    }
}
