package io.netstep.debug.ui;

import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.ui.NetStepInput;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugTarget;

/**
 * Makes every new NetStep debug target what the NetStep views show: its own live analysis (the
 * one its TLS/MQTT frames come from, so a frame's event is a row of the timeline) and its
 * session. When the target terminates the input stays: the views show the finished session
 * until the next launch or an opened file replaces it.
 *
 * <p>Debug events arrive on the debug plug-in's dispatch thread, never the UI thread; the views
 * hop to the UI thread themselves.
 */
final class SessionBinding implements IDebugEventSetListener, AutoCloseable {

    private SessionBinding() { }

    static SessionBinding start() {
        SessionBinding b = new SessionBinding();
        DebugPlugin.getDefault().addDebugEventListener(b);
        // a target created before this plug-in started (e.g. a launch at workbench start)
        NetStepDebugTarget newest = null;
        for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            for (IDebugTarget t : l.getDebugTargets()) {
                if (t instanceof NetStepDebugTarget n && !n.isTerminated()) {
                    newest = n;
                }
            }
        }
        if (newest != null && NetStepInput.current() == null) {
            show(newest);
        }
        return b;
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent e : events) {
            if (e.getKind() == DebugEvent.CREATE && e.getSource() instanceof NetStepDebugTarget t) {
                show(t);
            }
        }
    }

    static void show(NetStepDebugTarget target) {
        NetStepInput input = target.analysis() != null
                ? NetStepInput.of(target.analysis(), target.session())
                : NetStepInput.live(target.session()); // the target could not follow TLS/MQTT: the views still can try
        NetStepInput.show(input);
    }

    @Override
    public void close() {
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null) {
            plugin.removeDebugEventListener(this);
        }
    }
}
