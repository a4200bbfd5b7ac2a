package io.netstep.debug.ui.preferences;

import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.ui.NetStepDebugUi;

import org.eclipse.core.runtime.Platform;

/** Defaults for new "NetStep Virtual W5500" launch configurations (Window > Preferences > NetStep). */
public final class Preferences {

    private Preferences() { }

    /** String: "embedded" or HOST:PORT. */
    public static final String BROKER = "broker";
    /** String: where the Browse… button of the Firmware tab starts; empty = the workspace. */
    public static final String FIRMWARE_FOLDER = "firmwareFolder";
    /** Boolean: new configurations suspend at the firmware's first SPI frame. */
    public static final String STOP_AT_FIRST_SPI_FRAME = "stopAtFirstSpiFrame";

    static final String DEFAULT_BROKER = LaunchAttributes.EMBEDDED_BROKER;

    public static String broker() {
        String b = string(BROKER, DEFAULT_BROKER).trim();
        return b.isEmpty() ? DEFAULT_BROKER : b;
    }

    public static String firmwareFolder() {
        return string(FIRMWARE_FOLDER, "").trim();
    }

    public static boolean stopAtFirstSpiFrame() {
        return Platform.getPreferencesService().getBoolean(NetStepDebugUi.PLUGIN_ID, STOP_AT_FIRST_SPI_FRAME, false, null);
    }

    private static String string(String key, String fallback) {
        return Platform.getPreferencesService().getString(NetStepDebugUi.PLUGIN_ID, key, fallback, null);
    }
}
