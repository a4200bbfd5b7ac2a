package io.netstep.debug.ui;

import org.eclipse.ui.IStartup;

/**
 * Starts the plug-in with the workbench, so that the views follow a NetStep launch from its
 * first event (the binding is made in {@link NetStepDebugUi#start}).
 */
public final class EarlyStartup implements IStartup {

    @Override
    public void earlyStartup() {
        // loading this class has started the plug-in; nothing else to do
    }
}
