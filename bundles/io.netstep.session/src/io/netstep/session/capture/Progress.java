package io.netstep.session.capture;

import java.util.concurrent.CancellationException;

/**
 * Progress of long work (reading and decoding a big capture or session file), and the way to
 * cancel it. Plain Java so the CLI and an Eclipse job share it: the job bridges it to its
 * progress monitor. Work that sees {@link #isCancelled()} stops with {@link Cancelled} and
 * returns nothing half-done.
 */
public interface Progress {

    /** No reporting, never cancelled: what the overloads without a Progress use. */
    Progress NONE = new Progress() {
        @Override
        public void worked(long done, long total, String what) { }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * {@code done} of {@code total} units (bytes of the file; the total stays the same for one
     * piece of work and {@code done} never decreases); {@code what} says which step is running.
     * Called on the working thread.
     */
    void worked(long done, long total, String what);

    /** Asked between steps, at least every 64 KiB read and every few thousand packets decoded. */
    boolean isCancelled();

    /** Throws {@link Cancelled} if the work was cancelled. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new Cancelled();
        }
    }

    /** The work was cancelled: nothing of it was kept. */
    final class Cancelled extends CancellationException {
        private static final long serialVersionUID = 1L;

        public Cancelled() {
            super("cancelled: nothing was opened");
        }
    }
}
