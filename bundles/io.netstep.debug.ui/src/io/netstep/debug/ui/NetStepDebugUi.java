package io.netstep.debug.ui;

import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.W5500Thread;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.core.runtime.IAdapterManager;
import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

/**
 * The debugger's UI plug-in: binds the NetStep views to running debug targets and lets the
 * Debug view's frames drive them (both set up when the plug-in starts; {@link EarlyStartup}
 * starts it with the workbench).
 */
public final class NetStepDebugUi extends AbstractUIPlugin {

    public static final String PLUGIN_ID = "io.netstep.debug.ui";
    /** The launch tab group of "NetStep Virtual W5500". */
    public static final String TAB_GROUP_ID = "io.netstep.debug.ui.launchTabGroup";
    /** Window > Preferences > NetStep. */
    public static final String PREFERENCE_PAGE_ID = "io.netstep.debug.ui.preferences";

    private static volatile NetStepDebugUi plugin;

    private SessionBinding binding;
    private IAdapterFactory eventAdapters;

    public static NetStepDebugUi getDefault() {
        return plugin;
    }

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        plugin = this;
        eventAdapters = new EventAdapterFactory();
        IAdapterManager m = Platform.getAdapterManager();
        m.registerAdapters(eventAdapters, LayerStackFrame.class);
        m.registerAdapters(eventAdapters, W5500Thread.class);
        binding = SessionBinding.start();
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        if (binding != null) {
            binding.close();
        }
        if (eventAdapters != null) {
            Platform.getAdapterManager().unregisterAdapters(eventAdapters);
        }
        plugin = null;
        super.stop(context);
    }
}
