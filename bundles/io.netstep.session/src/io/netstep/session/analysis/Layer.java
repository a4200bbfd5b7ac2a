package io.netstep.session.analysis;

/** The layer a {@link ProtocolEvent} belongs to, from the wire between MCU and chip up to MQTT. */
public enum Layer {
    /** One SPI chip-select frame (log entry {@code SpiFrame}). */
    SPI,
    /** The chip itself: Sn_CR commands, Sn_SR state changes, interrupts, resets, diagnostics. */
    CHIP,
    /** Bytes moved between a socket's ring buffer and the network (chip {@code Data}), or a captured TCP segment. */
    SOCKET,
    /** One TLS record (header + fragment as on the wire). */
    TLS_RECORD,
    /** A TLS handshake message (ClientHello…Finished, NewSessionTicket, KeyUpdate) or ChangeCipherSpec. */
    TLS_HANDSHAKE,
    /** A TLS alert. */
    TLS_ALERT,
    /** Decrypted (or, without keys, opaque) TLS application data of one record. */
    TLS_APPDATA,
    /** Something the TLS decoder could not accept: violation, malformed, no keys, decryption failed, truncated. */
    TLS_PROBLEM,
    /** One MQTT control packet. */
    MQTT,
    /** A stream-level MQTT problem that belongs to no complete packet (framing lost, cut short). */
    MQTT_PROBLEM,
    /** The virtual network: DHCP, DNS, connect outcome, faults, host-side close, drops. */
    NET,
    /** The session itself: bridge, firmware process, pauses, key log lines (counted only). */
    SESSION,
    /** A line of an imported serial debug log (mbedTLS / wolfSSL / application) that says something. */
    LOG;

    /** Lower-case name as in the JSON lines ({@code "mqtt"}, {@code "tls"} for all TLS layers, …). */
    public String jsonName() {
        return switch (this) {
            case TLS_RECORD, TLS_HANDSHAKE, TLS_ALERT, TLS_APPDATA, TLS_PROBLEM -> "tls";
            case MQTT, MQTT_PROBLEM -> "mqtt";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
