package io.netstep.w5500.tests;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.ChipListener;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Collects the chip's events (thread-safe: loopback events come from the network thread). */
final class Events implements ChipListener {
    private final List<ChipEvent> all = new ArrayList<>();

    @Override
    public synchronized void onEvent(ChipEvent e) {
        all.add(e);
    }

    synchronized <T extends ChipEvent> List<T> of(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    synchronized void clear() {
        all.clear();
    }

    List<String> diagnostics() {
        return of(ChipEvent.Diagnostic.class).stream().map(ChipEvent.Diagnostic::message).collect(Collectors.toList());
    }

    boolean diagnosed(String fragment) {
        return diagnostics().stream().anyMatch(m -> m.contains(fragment));
    }
}
