/**
 * Broker preflight and MQTT peer: check a broker with the very settings the firmware will use,
 * and talk to the device on the same broker. Headless (no UI); the project wizard's broker page
 * and the MQTT Peer view build on it, {@code netstep preflight} runs it from the command line
 * ({@link io.netstep.preflight.cli.PreflightCommand}).
 *
 * <h2>Preflight</h2>
 * Fill a {@link io.netstep.preflight.PreflightSettings} (host, port, TLS on/off and version,
 * SNI, CA, client certificate and key, client ID, user name and password, keepalive, a test
 * topic), then {@link io.netstep.preflight.Preflight#run(ProgressListener)} on a worker thread.
 * Each {@link io.netstep.preflight.Check} ends as a {@link io.netstep.preflight.StepResult}
 * (OK / WARNING / FAILED / SKIPPED) with the cause in plain words and the fix; the
 * {@link io.netstep.preflight.ProgressListener} sees them as they end, and
 * {@link io.netstep.preflight.Preflight#cancel()} stops a run from any thread. Every wait is
 * bounded by the settings' timeouts. Invalid settings are refused up front with
 * {@link java.lang.IllegalArgumentException} (see {@link io.netstep.preflight.PreflightSettings#problems()}).
 * <p>
 * The TLS checks drive their own JSSE handshake and look at every byte the broker sends
 * (through the {@code io.netstep.tls} decoder): the server's chain is judged against the
 * user's CA (wrong CA, name, dates), a CertificateRequest followed by an alert or close names a
 * missing client certificate, a broker that only answers a ClientHello with SNI is found by
 * trying again with the host name, and the largest record the broker sends during the handshake
 * is measured ({@link io.netstep.preflight.PreflightReport#largestRecordLength()}): the TLS input
 * buffer the firmware needs (MBEDTLS_SSL_IN_CONTENT_LEN, see failures F3). With TLS 1.3 the
 * handshake records are encrypted: their length includes the 16-byte tag and the content type.
 * The MQTT checks use the HiveMQ client (MQTT 3.1.1, as Paho embedded): CONNECT with the
 * configured client ID (a device online with the same ID gets disconnected, F12), SUBSCRIBE to
 * the test topic, PUBLISH at QoS 0 and 1 and receive the own message, keepalive accepted.
 *
 * <h2>Peer</h2>
 * {@link io.netstep.preflight.MqttPeer}: connect with the same settings (another client ID),
 * subscribe to topic filters, publish; messages arrive as {@link io.netstep.preflight.PeerMessage}
 * at {@link io.netstep.preflight.PeerListener}s on the client's threads. Thread-safe, all
 * operations return futures.
 * <p>
 * Secrets: {@link io.netstep.preflight.PreflightSettings#toString()} and the reports never show
 * the password or the key; the preflight wipes its copies when done.
 */
package io.netstep.preflight;
