package io.netstep.w5500.internal;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.ChipListener;
import io.netstep.w5500.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The chip's clock and event stream: listeners that throw are shielded from the chip. */
public final class Emitter {

    private final Clock clock;
    private final List<ChipListener> listeners = new CopyOnWriteArrayList<>();
    private long last;

    public Emitter(Clock clock) {
        this.clock = clock;
    }

    /** Virtual time in ns; a clock that fails or runs backwards keeps the last good value. */
    public long now() {
        try {
            long t = clock.nanos();
            if (t > last) {
                last = t;
            }
        } catch (RuntimeException e) {
            // keep the last value: the chip must not throw because its clock did
        }
        return last;
    }

    public void add(ChipListener l) {
        if (l != null) {
            listeners.add(l);
        }
    }

    public void emit(ChipEvent e) {
        for (ChipListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                // a listener's bug must not change what the chip does
            }
        }
    }

    public void diag(int socket, String message) {
        emit(new ChipEvent.Diagnostic(now(), socket, message));
    }
}
