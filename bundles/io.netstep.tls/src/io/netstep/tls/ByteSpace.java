package io.netstep.tls;

/** Which byte stream of a direction an offset counts in. */
public enum ByteSpace {
    /** The TCP payload bytes as sent on the wire. */
    WIRE,
    /**
     * The concatenated plaintext of all decrypted records of the direction (TLSInnerPlaintext
     * content without type byte and padding, or the TLS 1.2 fragment without MAC and padding),
     * see {@link TlsConnectionDecoder#decryptedStream(Direction)}.
     */
    DECRYPTED
}
