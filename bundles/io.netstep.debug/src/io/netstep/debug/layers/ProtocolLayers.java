package io.netstep.debug.layers;

import io.netstep.debug.NetStepDebug;
import io.netstep.session.LogEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;

/** The protocol layers in stack order (top first): the contributed ones, or the built-in ones outside OSGi. */
public final class ProtocolLayers {

    private final List<ProtocolLayer> layers;

    public ProtocolLayers(List<ProtocolLayer> layers) {
        List<ProtocolLayer> sorted = new ArrayList<>(layers);
        sorted.sort(Comparator.comparingInt(ProtocolLayer::level).reversed());
        this.layers = List.copyOf(sorted);
    }

    /** The layers contributed to the extension point (the built-in ones are contributed there too), and the analysis layers. */
    public static ProtocolLayers fromRegistry() {
        IExtensionRegistry registry = Platform.getExtensionRegistry();
        if (registry == null) {
            return builtIn();
        }
        List<ProtocolLayer> found = new ArrayList<>();
        for (IConfigurationElement e : registry.getConfigurationElementsFor(NetStepDebug.LAYERS_EXTENSION_POINT)) {
            try {
                found.add((ProtocolLayer) e.createExecutableExtension("class"));
            } catch (CoreException | ClassCastException ex) {
                ILog.of(ProtocolLayers.class).error("protocol layer " + e.getAttribute("class")
                        + " from " + e.getContributor().getName() + " cannot be created", ex);
            }
        }
        if (found.isEmpty()) {
            return builtIn();
        }
        for (ProtocolLayer a : AnalysisLayer.ALL) {
            if (found.stream().noneMatch(l -> l.id().equals(a.id()))) {
                found.add(a);
            }
        }
        return new ProtocolLayers(found);
    }

    public static ProtocolLayers builtIn() {
        List<ProtocolLayer> all = new ArrayList<>(List.of(new SpiFrameLayer(), new SocketCommandLayer(), new SocketDataLayer()));
        all.addAll(AnalysisLayer.ALL);
        return new ProtocolLayers(all);
    }

    /** Top (application) first. */
    public List<ProtocolLayer> all() {
        return layers;
    }

    public ProtocolLayer byId(String id) {
        return layers.stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
    }

    /** The layer just below {@code layer} (nearer the chip), or null at the bottom. */
    public ProtocolLayer below(ProtocolLayer layer) {
        int i = layers.indexOf(layer);
        return i >= 0 && i + 1 < layers.size() ? layers.get(i + 1) : null;
    }

    /** The layer just above {@code layer}, or null at the top. */
    public ProtocolLayer above(ProtocolLayer layer) {
        int i = layers.indexOf(layer);
        return i > 0 ? layers.get(i - 1) : null;
    }

    /** Every layer's view of {@code entry} (mostly one, often none). */
    public List<ProtocolEvent> decode(LogEntry entry) {
        List<ProtocolEvent> out = new ArrayList<>(1);
        for (ProtocolLayer l : layers) {
            ProtocolEvent e = safeDecode(l, entry);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** "Run until the next event of {@code layer} on {@code socket}" (socket -1: the chip's own). */
    public static Predicate<LogEntry> nextEvent(ProtocolLayer layer, int socket) {
        return e -> {
            ProtocolEvent p = safeDecode(layer, e);
            return p != null && p.socket() == socket;
        };
    }

    /** A layer that throws must not stop the session thread; it just sees nothing. */
    static ProtocolEvent safeDecode(ProtocolLayer l, LogEntry entry) {
        try {
            return l.decode(entry);
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
