package io.netstep.debug.ui.preferences;

import io.netstep.debug.ui.NetStepDebugUi;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/** The shipped defaults: the embedded broker, no firmware folder, run straight to the first breakpoint. */
public class PreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences d = DefaultScope.INSTANCE.getNode(NetStepDebugUi.PLUGIN_ID);
        d.put(Preferences.BROKER, Preferences.DEFAULT_BROKER);
        d.put(Preferences.FIRMWARE_FOLDER, "");
        d.putBoolean(Preferences.STOP_AT_FIRST_SPI_FRAME, false);
    }
}
