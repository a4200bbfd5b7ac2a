package io.netstep.debug;

/** Identifiers of the NetStep debug model. */
public final class NetStepDebug {

    private NetStepDebug() { }

    public static final String PLUGIN_ID = "io.netstep.debug";

    /** Model identifier of every debug element and breakpoint of NetStep. */
    public static final String MODEL_ID = "io.netstep.debug";

    public static final String LAUNCH_TYPE_ID = "io.netstep.debug.launchType";

    /** Extension point for more {@link io.netstep.debug.layers.ProtocolLayer}s. */
    public static final String LAYERS_EXTENSION_POINT = "io.netstep.debug.protocolLayers";
}
