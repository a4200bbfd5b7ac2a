package io.netstep.certs;

/** A file or buffer that cannot be read as certificates or keys; the message is meant for the user as is. */
public final class CertImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public CertImportException(String message) {
        super(message);
    }

    public CertImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
