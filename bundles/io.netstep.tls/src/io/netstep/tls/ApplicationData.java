package io.netstep.tls;

/**
 * The content of one application_data record. When decrypted, {@link #plaintext()} holds the
 * bytes and {@link #streamOffset()} where they start in the direction's
 * {@link TlsConnectionDecoder#applicationData(Direction) application data stream}.
 */
public final class ApplicationData extends TlsEvent {
    private final long recordWireOffset;
    private final int length;
    private final byte[] plaintext;
    private final long streamOffset;

    public ApplicationData(Direction direction, Field fields, long recordWireOffset, int length, byte[] plaintext,
            long streamOffset) {
        super(direction, fields);
        this.recordWireOffset = recordWireOffset;
        this.length = length;
        this.plaintext = plaintext;
        this.streamOffset = streamOffset;
    }

    @Override
    public String type() {
        return "ApplicationData";
    }

    public long recordWireOffset() {
        return recordWireOffset;
    }

    /** Plaintext length when decrypted, else the encrypted fragment length. */
    public int length() {
        return length;
    }

    public boolean isDecrypted() {
        return plaintext != null;
    }

    /** A copy of the decrypted bytes, or null. */
    public byte[] plaintext() {
        return plaintext == null ? null : plaintext.clone();
    }

    /** Offset in the application data stream, or -1 when not decrypted. */
    public long streamOffset() {
        return streamOffset;
    }

    @Override
    public String summary() {
        return direction().shortName() + " ApplicationData " + length + " bytes"
                + (plaintext == null ? " (encrypted)" : "");
    }
}
