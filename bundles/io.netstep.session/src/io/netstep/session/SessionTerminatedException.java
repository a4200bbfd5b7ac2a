package io.netstep.session;

/** A request reached a session that has ended. */
public final class SessionTerminatedException extends Exception {
    private static final long serialVersionUID = 1L;

    public SessionTerminatedException() {
        super("the session has ended");
    }
}
