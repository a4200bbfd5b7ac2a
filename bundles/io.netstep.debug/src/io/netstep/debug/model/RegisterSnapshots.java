package io.netstep.debug.model;

import io.netstep.session.Session;
import io.netstep.w5500.Registers;

/**
 * The chip's registers as of the last two suspensions: what views show while suspended, and
 * which registers changed since the suspension before.
 */
final class RegisterSnapshots {

    private static final int BLOCKS = 32;
    private static final int BLOCK_BYTES = 0x40;

    private final Session session;
    private volatile int[][] previous;
    private volatile int[][] current;

    RegisterSnapshots(Session session) {
        this.session = session;
    }

    /** At a suspension: the current registers become the previous ones. */
    void take() {
        previous = current;
        current = snapshot();
    }

    /** A register byte as of the last suspension when {@code suspended}, else now. */
    int currentByte(int block, int offset, boolean suspended) {
        int[][] now = current;
        return now != null && suspended ? now[block][offset] : session.peek(block, offset);
    }

    /** Whether bytes of a register differ between the last two suspensions. */
    boolean changed(int block, int offset, int width) {
        int[][] before = previous;
        int[][] now = current;
        if (before == null || now == null) {
            return false;
        }
        for (int i = 0; i < width; i++) {
            if (before[block][offset + i] != now[block][offset + i]) {
                return true;
            }
        }
        return false;
    }

    /** A debugger write: shown at once, and not as a change since the last suspension. */
    void written(int block, int offset) {
        int[][] now = current;
        if (now != null) {
            now[block][offset] = session.peek(block, offset);
        }
    }

    private int[][] snapshot() {
        int[][] r = new int[BLOCKS][];
        for (int b = 0; b < BLOCKS; b++) {
            r[b] = new int[BLOCK_BYTES];
            if (b == Registers.BSB_COMMON || (b - 1) % 4 == 0) {
                for (int o = 0; o < BLOCK_BYTES; o++) {
                    r[b][o] = session.peek(b, o);
                }
            }
        }
        return r;
    }
}
