package io.netstep.tls.internal;

/** A message does not follow its RFC syntax; caught by the decoder and reported, never thrown out. */
public final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message, null, false, false);
    }
}
