package io.netstep.project;

/** Where the device connects: the profile decides defaults and what the settings must hold. */
public enum BrokerProfile {
    /** NetStep's embedded broker (TLS with a throwaway CA handed to the host build at run time). */
    EMBEDDED("embedded"),
    /** A mosquitto broker at HOST:PORT. */
    MOSQUITTO("mosquitto"),
    /** AWS IoT Core: endpoint + thing name; client ID = thing name, port 8883, SNI, client certificate. */
    AWS_IOT("aws-iot"),
    /** Any other MQTT broker at HOST:PORT. */
    CUSTOM("custom");

    private final String cliName;

    BrokerProfile(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static BrokerProfile byCliName(String name) {
        for (BrokerProfile p : values()) {
            if (p.cliName.equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown broker profile '" + name + "' (embedded, mosquitto, aws-iot, custom)");
    }
}
