package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.SocketCommandLayer;

/** A breakpoint on the chip's socket command layer, for one socket or any (marker attribute "socket"). */
public abstract class SocketEventBreakpoint extends ProtocolEventBreakpoint {

    public int socket() {
        return intAttribute(SOCKET, ANY_SOCKET);
    }

    /** 0..7 or {@link #ANY_SOCKET}. */
    public void setSocket(int socket) throws org.eclipse.core.runtime.CoreException {
        update(SOCKET, socket);
    }

    @Override
    protected final String layer() {
        return SocketCommandLayer.ID;
    }

    @Override
    protected final int socketFilter() {
        return socket();
    }
}
