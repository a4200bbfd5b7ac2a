package io.netstep.debug.launch;

/**
 * Attributes of a "NetStep Virtual W5500" launch configuration. The environment uses the
 * platform's own {@code ILaunchManager.ATTR_ENVIRONMENT_VARIABLES} /
 * {@code ATTR_APPEND_ENVIRONMENT_VARIABLES} so the standard Environment tab works.
 */
public final class LaunchAttributes {

    private LaunchAttributes() { }

    private static final String P = "io.netstep.debug.";

    /** String: path of the host-built firmware executable. */
    public static final String FIRMWARE = P + "firmware";
    /** String: the firmware's arguments, quoted as on a command line. */
    public static final String ARGUMENTS = P + "arguments";
    /** String: working directory; empty = the firmware's directory. */
    public static final String WORKING_DIRECTORY = P + "workingDirectory";
    /** String: {@link #EMBEDDED_BROKER} or HOST:PORT, where unmapped destinations go. */
    public static final String BROKER = P + "broker";
    /** List of String: name map entries NAME=HOST:PORT (as {@code netstep run --map}). */
    public static final String NAME_MAP = P + "nameMap";
    /** List of String: fault specs (as {@code netstep run --fault}). */
    public static final String FAULTS = P + "faults";
    /** String: cloud profile name, kept for the cloud layer (not applied by the session yet). */
    public static final String CLOUD_PROFILE = P + "cloudProfile";
    /** String: file for the event log as JSON lines; empty = none. */
    public static final String RECORD_FILE = P + "recordFile";
    /** Boolean: suspend at the firmware's first SPI frame. */
    public static final String STOP_AT_FIRST_SPI_FRAME = P + "stopAtFirstSpiFrame";

    /** The broker value that starts NetStep's embedded MQTT broker (TLS, throwaway test PKI). */
    public static final String EMBEDDED_BROKER = "embedded";

    /**
     * Set for the firmware when the embedded broker runs: the PEM file of its CA. The same text
     * in the arguments is replaced by the path.
     */
    public static final String BROKER_CA_VARIABLE = "NETSTEP_BROKER_CA";
    public static final String BROKER_CA_ARGUMENT = "${netstep_broker_ca}";
}
