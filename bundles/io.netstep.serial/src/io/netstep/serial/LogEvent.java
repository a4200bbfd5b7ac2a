package io.netstep.serial;

import io.netstep.mqtt.Direction;

/**
 * One thing the log itself says: a handshake step, a state, a return code, a record header,
 * an alert, an MQTT client print. {@code name} is the normalised key (for example
 * {@code "=> parse certificate"}, {@code "client state"}, {@code "mbedtls_ssl_read_record"},
 * {@code "MQTTConnect"}); {@code detail} the value that goes with it (state name, suite name,
 * error name); {@code code} a number the line reports (return code, length, state), or null.
 *
 * @param line 1-based log line
 * @param timestamp the line's own timestamp as written, or null
 * @param direction the direction the event concerns, or null
 * @param connection index into {@link SerialLog#connections()}, or -1
 * @param text the message without its line prefix
 */
public record LogEvent(int line, String timestamp, Source source, Kind kind, String name, String detail, Long code,
        Direction direction, int connection, String text) {

    /** Which software printed the line. */
    public enum Source {
        MBEDTLS, WOLFSSL, APPLICATION
    }

    public enum Kind {
        /** {@code => x} / {@code <= x}: a step of the TLS library begins or ends. */
        STEP,
        /** The handshake state machine moved (mbedTLS client state, wolfSSL connect state). */
        STATE,
        /** A function returned an error or a value worth keeping. */
        RETURN_CODE,
        /** An error message of the library. */
        ERROR,
        /** A record header the library read or wrote (type, version, length). */
        RECORD,
        /** Network I/O of the TLS library: bytes wanted, received, sent. */
        IO,
        ALERT,
        CIPHER_SUITE,
        SERVER_NAME,
        CERTIFICATE,
        /** A hex dump (label and size only: dumps may hold secrets). */
        DUMP,
        /** A print of the MQTT client or its glue ({@code MQTTConnect() returned: 255}). */
        MQTT,
        /** An application line that reports a result ({@code FAIL ...}, {@code failed}). */
        APPLICATION,
        /** wolfSSL function entry / exit. */
        FUNCTION,
        /** Any other recognised library message. */
        INFO
    }

    /** The code as mbedTLS writes it ({@code -0x7200}), for negative codes. */
    public String codeHex() {
        if (code == null) {
            return null;
        }
        return code < 0 ? "-0x" + String.format("%04X", -code) : "0x" + Long.toHexString(code);
    }

    @Override
    public String toString() {
        return "line " + line + " " + source + " " + kind + " " + name + (detail == null ? "" : " = " + detail)
                + (code == null ? "" : " (" + code + ")");
    }
}
