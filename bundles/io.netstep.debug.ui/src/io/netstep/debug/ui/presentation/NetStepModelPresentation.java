package io.netstep.debug.ui.presentation;

import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.debug.model.W5500Thread;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IValueDetailListener;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IEditorInput;

/**
 * Labels and images of the NetStep debug model (model id {@code io.netstep.debug}): the target
 * and its chip/socket threads with their run state, the layer frames, the decoded fields and
 * registers, and the protocol breakpoints. There is no source: frames show in the Protocol
 * Timeline instead of an editor.
 */
public class NetStepModelPresentation extends LabelProvider implements IDebugModelPresentation {

    @Override
    public void setAttribute(String attribute, Object value) {
        // no presentation options (qualified names, types) apply to protocol layers
    }

    @Override
    public Image getImage(Object element) {
        if (element instanceof NetStepDebugTarget t) {
            return DebugUITools.getImage(t.isTerminated() ? IDebugUIConstants.IMG_OBJS_DEBUG_TARGET_TERMINATED
                    : t.isSuspended() ? IDebugUIConstants.IMG_OBJS_DEBUG_TARGET_SUSPENDED
                    : IDebugUIConstants.IMG_OBJS_DEBUG_TARGET);
        }
        if (element instanceof W5500Thread t) {
            return DebugUITools.getImage(t.isTerminated() ? IDebugUIConstants.IMG_OBJS_THREAD_TERMINATED
                    : t.isSuspended() ? IDebugUIConstants.IMG_OBJS_THREAD_SUSPENDED
                    : IDebugUIConstants.IMG_OBJS_THREAD_RUNNING);
        }
        if (element instanceof LayerStackFrame) {
            return DebugUITools.getImage(IDebugUIConstants.IMG_OBJS_STACKFRAME);
        }
        if (element instanceof IVariable v) {
            return DebugUITools.getImage(isRegisterGroup(v) ? IDebugUIConstants.IMG_OBJS_REGISTER_GROUP
                    : IDebugUIConstants.IMG_OBJS_VARIABLE);
        }
        if (element instanceof NetStepBreakpoint b) {
            boolean enabled;
            try {
                enabled = b.isEnabled();
            } catch (org.eclipse.core.runtime.CoreException e) {
                enabled = false;
            }
            return DebugUITools.getImage(enabled ? IDebugUIConstants.IMG_OBJS_BREAKPOINT
                    : IDebugUIConstants.IMG_OBJS_BREAKPOINT_DISABLED);
        }
        return null;
    }

    private static boolean isRegisterGroup(IVariable v) {
        try {
            return v.getValue().hasVariables();
        } catch (DebugException e) {
            return false;
        }
    }

    @Override
    public String getText(Object element) {
        try {
            if (element instanceof NetStepDebugTarget t) {
                return (t.isTerminated() ? "<terminated> " : "") + t.getName()
                        + (t.isSuspended() ? " (suspended)" : t.isTerminated() ? "" : " (running)");
            }
            if (element instanceof W5500Thread t) {
                return t.getName() + threadState(t);
            }
            if (element instanceof LayerStackFrame f) {
                return f.getName();
            }
            if (element instanceof IVariable v) {
                return v.getName() + " = " + v.getValue().getValueString();
            }
            if (element instanceof NetStepBreakpoint b) {
                return BreakpointLabels.label(b);
            }
        } catch (DebugException e) {
            return e.getMessage();
        }
        return null;
    }

    private static String threadState(W5500Thread t) {
        if (t.isTerminated()) {
            return " (terminated)";
        }
        if (!t.isSuspended()) {
            return " (running)";
        }
        IBreakpoint[] hit = t.getBreakpoints();
        if (hit.length > 0 && hit[0] instanceof NetStepBreakpoint b) {
            return " (suspended at breakpoint: " + BreakpointLabels.label(b) + ")";
        }
        return t.cause() != null ? " (suspended: stopped on this socket)" : " (suspended)";
    }

    @Override
    public void computeDetail(IValue value, IValueDetailListener listener) {
        String detail;
        try {
            detail = value.getValueString();
        } catch (DebugException e) {
            detail = e.getMessage();
        }
        listener.detailComputed(value, detail);
    }

    @Override
    public IEditorInput getEditorInput(Object element) {
        return null; // protocol events have no source file: see the Protocol Timeline
    }

    @Override
    public String getEditorId(IEditorInput input, Object element) {
        return null;
    }
}
