package io.netstep.tls;

import io.netstep.tls.names.TlsNames;

/** One TLSPlaintext / TLSCiphertext record as framed on the wire. */
public final class TlsRecord extends TlsEvent {
    private final long wireOffset;
    private final int contentType;
    private final int version;
    private final int length;
    private final boolean protectedRecord;
    private final int innerContentType;
    private final long sequenceNumber;

    public TlsRecord(Direction direction, Field fields, long wireOffset, int contentType, int version, int length,
            boolean protectedRecord, int innerContentType, long sequenceNumber) {
        super(direction, fields);
        this.wireOffset = wireOffset;
        this.contentType = contentType;
        this.version = version;
        this.length = length;
        this.protectedRecord = protectedRecord;
        this.innerContentType = innerContentType;
        this.sequenceNumber = sequenceNumber;
    }

    @Override
    public String type() {
        return "Record";
    }

    /** Offset of the record header in the wire stream of its direction. */
    public long wireOffset() {
        return wireOffset;
    }

    /** The record header's content type (for TLS 1.3 protected records: application_data). */
    public int contentType() {
        return contentType;
    }

    public String contentTypeName() {
        return TlsNames.CONTENT_TYPES.name(contentType);
    }

    /** legacy_record_version. */
    public int version() {
        return version;
    }

    /** The length field: fragment bytes after the 5-byte header. */
    public int length() {
        return length;
    }

    /** True when the record was protected by the negotiated keys (decrypted or not). */
    public boolean isProtected() {
        return protectedRecord;
    }

    /** Content type after decryption (TLS 1.3 inner type), or -1 when not decrypted. */
    public int innerContentType() {
        return innerContentType;
    }

    /** The record sequence number used for decryption, or -1 for unprotected records. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String summary() {
        return direction().shortName() + " Record " + contentTypeName() + " len=" + length
                + (protectedRecord ? (innerContentType >= 0 ? " decrypted→" + TlsNames.CONTENT_TYPES.name(
                        innerContentType) : " encrypted") : "");
    }
}
