package io.netstep.tls.internal;

/** Opens protected records of one direction; keeps that direction's sequence number. */
public abstract class RecordProtection {
    private long sequenceNumber;

    /** Plaintext of a record: the real content type (TLS 1.3 inner type) and the content. */
    public record Opened(int contentType, byte[] content, long sequenceNumber) {
    }

    /** Why a record could not be opened. */
    public static final class OpenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long sequenceNumber;

        public OpenException(String reason, long sequenceNumber) {
            super(reason, null, false, false);
            this.sequenceNumber = sequenceNumber;
        }

        public long sequenceNumber() {
            return sequenceNumber;
        }
    }

    /**
     * Opens one record. The sequence number advances whether or not it succeeds, as the sender's
     * did, so one bad record does not make every later one fail.
     */
    public final Opened open(int contentType, int version, byte[] fragment) throws OpenException {
        long seq = sequenceNumber++;
        try {
            return open(seq, contentType, version, fragment);
        } catch (OpenException e) {
            throw e;
        } catch (RuntimeException e) {
            // BouncyCastle reports some malformed inputs with runtime exceptions.
            throw new OpenException("cipher failure: " + e.getClass().getSimpleName() + ": " + e.getMessage(), seq);
        }
    }

    /** Continues at a later sequence number (records of this epoch went by before the keys were known). */
    public void startAt(long seq) {
        sequenceNumber = seq;
    }

    public long nextSequenceNumber() {
        return sequenceNumber;
    }

    protected abstract Opened open(long seq, int contentType, int version, byte[] fragment) throws OpenException;

    /** A short description without key material, e.g. "AES_128_GCM (TLS 1.3)". */
    public abstract String describe();

    static void putSeq(byte[] b, int off, long seq) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) seq;
            seq >>>= 8;
        }
    }
}
