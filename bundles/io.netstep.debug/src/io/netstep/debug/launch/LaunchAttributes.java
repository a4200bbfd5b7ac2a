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
    /**
     * String: {@link #EMBEDDED_BROKER} or HOST:PORT, where unmapped destinations go. With a
     * {@link #CLOUD_PROFILE} the embedded broker is not started: the cloud has its own.
     */
    public static final String BROKER = P + "broker";
    /** List of String: name map entries NAME=HOST:PORT (as {@code netstep run --map}). */
    public static final String NAME_MAP = P + "nameMap";
    /** List of String: fault specs (as {@code netstep run --fault}). */
    public static final String FAULTS = P + "faults";
    /**
     * String: cloud profile, as {@code netstep run --cloud}: "aws-iot" or "aws-iot:THING"; empty
     * = none. The AWS IoT Core emulator then answers at its endpoint name, its decisions go into
     * the event log, and the device's files are offered to the firmware as
     * {@link #CLOUD_CA_ARGUMENT} etc.
     */
    public static final String CLOUD_PROFILE = P + "cloudProfile";
    /** String: directory for the device's CA, certificate and key; empty = a private temporary one, removed at the end. */
    public static final String CLOUD_CERTS_DIR = P + "cloudCertsDir";
    /** String: an IoT policy document (JSON) for the thing; empty = the thing-scoped default policy. */
    public static final String CLOUD_POLICY = P + "cloudPolicy";
    /** String: file for the event log as JSON lines; empty = none. */
    public static final String RECORD_FILE = P + "recordFile";
    /**
     * String: the firmware's source folder; empty = not known. The diagnosis then checks the
     * certificate and key arrays there (F6), as {@code netstep run --project}.
     */
    public static final String PROJECT_DIR = P + "projectDir";
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

    /**
     * With a cloud profile: the endpoint name and the device's root CA, certificate and key (PEM
     * files), set as these environment variables and replacing the matching argument texts.
     */
    public static final String CLOUD_ENDPOINT_VARIABLE = "NETSTEP_CLOUD_ENDPOINT";
    public static final String CLOUD_CA_VARIABLE = "NETSTEP_CLOUD_CA";
    public static final String CLOUD_CERT_VARIABLE = "NETSTEP_CLOUD_CERT";
    public static final String CLOUD_KEY_VARIABLE = "NETSTEP_CLOUD_KEY";
    public static final String CLOUD_ENDPOINT_ARGUMENT = "${netstep_cloud_endpoint}";
    public static final String CLOUD_CA_ARGUMENT = "${netstep_cloud_ca}";
    public static final String CLOUD_CERT_ARGUMENT = "${netstep_cloud_cert}";
    public static final String CLOUD_KEY_ARGUMENT = "${netstep_cloud_key}";
}
