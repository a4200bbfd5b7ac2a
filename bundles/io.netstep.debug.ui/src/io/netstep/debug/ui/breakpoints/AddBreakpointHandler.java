package io.netstep.debug.ui.breakpoints;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;

/** The Breakpoints view's "Add NetStep Protocol Breakpoint…" command. */
public final class AddBreakpointHandler extends AbstractHandler {

    /** The command's id. */
    public static final String COMMAND_ID = "io.netstep.debug.ui.addProtocolBreakpoint";

    @Override
    public Object execute(ExecutionEvent event) {
        new AddBreakpointDialog(HandlerUtil.getActiveShell(event)).open();
        return null;
    }
}
