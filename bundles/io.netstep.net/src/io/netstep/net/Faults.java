package io.netstep.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The faults a network injects (see {@link Fault} for the spec syntax). */
public final class Faults {

    private final List<Fault> list = new ArrayList<>();

    public static Faults parse(List<String> specs) {
        Faults f = new Faults();
        for (String s : specs) f.add(s);
        return f;
    }

    public Faults add(String spec) {
        list.add(Fault.parse(spec));
        return this;
    }

    public List<Fault> all() {
        return Collections.unmodifiableList(list);
    }

    /** The first fault of {@code kind} that applies to this destination, or null. */
    public Fault find(Fault.Kind kind, int port, int hostPort, String... names) {
        for (Fault f : list) if (f.kind() == kind && f.appliesTo(port, hostPort, names)) return f;
        return null;
    }

    public Fault find(Fault.Kind kind, boolean outbound, int port, int hostPort, String... names) {
        for (Fault f : list)
            if (f.kind() == kind && f.outbound() == outbound && f.appliesTo(port, hostPort, names)) return f;
        return null;
    }
}
