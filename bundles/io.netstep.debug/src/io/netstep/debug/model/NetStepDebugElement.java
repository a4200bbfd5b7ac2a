package io.netstep.debug.model;

import io.netstep.debug.NetStepDebug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;

/** Common base of the NetStep debug elements: the model id and the target. */
abstract class NetStepDebugElement extends DebugElement {

    NetStepDebugElement(NetStepDebugTarget target) {
        super(target);
    }

    @Override
    public String getModelIdentifier() {
        return NetStepDebug.MODEL_ID;
    }

    NetStepDebugTarget target() {
        return (NetStepDebugTarget) getDebugTarget();
    }

    static DebugException error(String message, Throwable cause) {
        return new DebugException(new Status(IStatus.ERROR, NetStepDebug.PLUGIN_ID, DebugException.REQUEST_FAILED,
                message, cause));
    }

    static CoreException notSupported(String message) {
        return new DebugException(new Status(IStatus.ERROR, NetStepDebug.PLUGIN_ID, DebugException.NOT_SUPPORTED,
                message, null));
    }
}
