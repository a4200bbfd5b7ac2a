package io.netstep.debug.breakpoints;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.Breakpoint;

/**
 * A protocol breakpoint. Its marker sits on the workspace root (there is no source file), is
 * persistent, and carries what the breakpoint matches; a debug target turns it into a session
 * breakpoint with {@link #matcher}.
 *
 * <p>Subclasses have a public no-argument constructor (the breakpoint manager restores them
 * from their markers) and a constructor that creates the marker.
 */
public abstract class NetStepBreakpoint extends Breakpoint {

    /** Any socket, where a breakpoint has a socket attribute. */
    public static final int ANY_SOCKET = -1;

    static final String SOCKET = "io.netstep.debug.socket";

    @Override
    public String getModelIdentifier() {
        return NetStepDebug.MODEL_ID;
    }

    /** What to stop at, for one session (a fresh predicate per session: it may keep state). */
    public abstract Predicate<LogEntry> matcher(Session session, ProtocolLayers layers) throws CoreException;

    /** For people: "Sn_SR becomes SOCK_ESTABLISHED on any socket". */
    public abstract String describe() throws CoreException;

    /** Creates the marker of type {@code markerType} on the workspace root with {@code attributes}, and registers this breakpoint. */
    protected final void create(String markerType, Map<String, Object> attributes, boolean register) throws CoreException {
        IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();
        IWorkspaceRunnable r = monitor -> {
            IMarker m = root.createMarker(markerType);
            Map<String, Object> a = new HashMap<>(attributes);
            a.put(ID, getModelIdentifier());
            a.put(ENABLED, Boolean.TRUE);
            a.put(PERSISTED, Boolean.TRUE);
            m.setAttributes(a);
            setMarker(m);
            m.setAttribute(IMarker.MESSAGE, describe());
        };
        run(getMarkerRule(root), r);
        if (register) {
            DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(this);
        }
    }

    /** Changes one marker attribute (a setter of a subclass) and the message the Breakpoints view shows. */
    protected final void update(String name, Object value) throws CoreException {
        IMarker m = getMarker();
        if (m == null) {
            throw new CoreException(new Status(IStatus.ERROR, NetStepDebug.PLUGIN_ID, "the breakpoint has no marker"));
        }
        m.setAttribute(name, value);
        m.setAttribute(IMarker.MESSAGE, describe());
    }

    protected final int intAttribute(String name, int fallback) {
        return getMarker().getAttribute(name, fallback);
    }

    protected final String stringAttribute(String name) {
        return getMarker().getAttribute(name, (String) null);
    }

    /** "on socket n" / "on any socket". */
    static String onSocket(int socket) {
        return socket == ANY_SOCKET ? "on any socket" : "on socket " + socket;
    }

    static boolean socketMatches(int wanted, int actual) {
        return wanted == ANY_SOCKET || wanted == actual;
    }

    public void log(String message, Throwable e) {
        ILog.of(NetStepBreakpoint.class).log(new Status(IStatus.ERROR, NetStepDebug.PLUGIN_ID, message, e));
    }
}
