package io.netstep.serial;

/**
 * A log line without its prefixes: {@code text} is the message; the prefixes gave the
 * timestamp, the TLS context pointer (mbedTLS with threading), the debug level and the source
 * file of the library's debug callback, each null / -1 when absent.
 */
record CleanLine(int number, String raw, String text, String timestamp, String context, int level, String file) {

    boolean fromMbedTlsCallback() {
        return file != null;
    }
}
