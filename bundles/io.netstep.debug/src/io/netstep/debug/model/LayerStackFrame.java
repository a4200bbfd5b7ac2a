package io.netstep.debug.model;

import io.netstep.debug.layers.Field;
import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayer;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;

/**
 * One protocol layer of a thread's current event. Variables: the event's decoded fields, then
 * the thread's registers (common registers on the chip, Sn_* on a socket). Steps act at this
 * frame's layer.
 */
public final class LayerStackFrame extends NetStepDebugElement implements IStackFrame {

    private final W5500Thread thread;
    private final ProtocolLayer layer;
    private final ProtocolEvent event;
    private IVariable[] variables;

    LayerStackFrame(W5500Thread thread, ProtocolLayer layer, ProtocolEvent event) {
        super(thread.target());
        this.thread = thread;
        this.layer = layer;
        this.event = event;
    }

    public ProtocolLayer layer() {
        return layer;
    }

    public ProtocolEvent event() {
        return event;
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    @Override
    public String getName() {
        return layer.label() + ": " + event.summary() + "  #" + event.entry().seq();
    }

    @Override
    public synchronized IVariable[] getVariables() throws DebugException {
        if (variables == null) {
            List<IVariable> v = new ArrayList<>();
            for (Field f : event.fields()) {
                v.add(new FieldVariable(target(), f));
            }
            v.add(new RegisterGroupVariable(target(), thread));
            variables = v.toArray(IVariable[]::new);
        }
        return variables.clone();
    }

    @Override
    public boolean hasVariables() {
        return true;
    }

    /** The thread's registers, one variable each (for views that want them flat). */
    public IVariable[] getRegisterVariables() {
        return RegisterGroupVariable.registerVariables(target(), thread);
    }

    @Override
    public int getLineNumber() {
        return -1;
    }

    @Override
    public int getCharStart() {
        return -1;
    }

    @Override
    public int getCharEnd() {
        return -1;
    }

    @Override
    public IRegisterGroup[] getRegisterGroups() {
        return new IRegisterGroup[0];
    }

    @Override
    public boolean hasRegisterGroups() {
        return false;
    }

    // ---- steps at this layer

    @Override
    public boolean canStepInto() {
        return thread.canStepInto();
    }

    @Override
    public boolean canStepOver() {
        return thread.canStepOver();
    }

    @Override
    public boolean canStepReturn() {
        return thread.canStepReturn();
    }

    @Override
    public boolean isStepping() {
        return false;
    }

    @Override
    public void stepInto() {
        thread.stepInto(layer, event);
    }

    @Override
    public void stepOver() {
        thread.stepOver(layer, event);
    }

    @Override
    public void stepReturn() {
        thread.stepReturn(layer, event);
    }

    @Override
    public boolean canResume() {
        return thread.canResume();
    }

    @Override
    public boolean canSuspend() {
        return thread.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return thread.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        thread.resume();
    }

    @Override
    public void suspend() throws DebugException {
        thread.suspend();
    }

    @Override
    public boolean canTerminate() {
        return thread.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return thread.isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        thread.terminate();
    }

    @Override
    public boolean equals(Object o) {
        // the same event: MQTT fields of one packet share its log entry, so compare the events
        return o instanceof LayerStackFrame f && f.thread == thread && f.event.entry().seq() == event.entry().seq()
                && f.layer.id().equals(layer.id()) && f.event.equals(event);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(event.entry().seq()) * 31 + layer.id().hashCode();
    }
}
