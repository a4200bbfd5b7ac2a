package io.netstep.tls;

/** Something wrong in the stream or something the decoder could not do, with the reason. */
public final class TlsProblem extends TlsEvent {
    public enum Kind {
        /** The bytes break an RFC rule (e.g. record length above the limit). */
        VIOLATION,
        /** A message does not parse by its RFC syntax. */
        MALFORMED,
        /** A protected record could not be opened (bad tag/MAC/padding). */
        DECRYPTION_FAILED,
        /** Records are protected and no key log secret matches this connection (yet). */
        NO_KEYS,
        /** The cipher suite or situation is not supported for decryption. */
        UNSUPPORTED,
        /** The stream ended inside a record or a handshake message. */
        TRUNCATED
    }

    private final Kind kind;
    private final String message;
    private final long wireOffset;
    private final boolean directionStopped;

    public TlsProblem(Direction direction, Kind kind, String message, long wireOffset, boolean directionStopped) {
        super(direction, new Field("problem", message, java.util.List.of()));
        this.kind = kind;
        this.message = message;
        this.wireOffset = wireOffset;
        this.directionStopped = directionStopped;
    }

    @Override
    public String type() {
        return "Problem";
    }

    public Kind kind() {
        return kind;
    }

    public String message() {
        return message;
    }

    /** Wire offset of the record concerned, or -1. */
    public long wireOffset() {
        return wireOffset;
    }

    /** True when the decoder stopped decoding this direction because of it. */
    public boolean directionStopped() {
        return directionStopped;
    }

    @Override
    public String summary() {
        return direction().shortName() + " " + kind + ": " + message;
    }
}
