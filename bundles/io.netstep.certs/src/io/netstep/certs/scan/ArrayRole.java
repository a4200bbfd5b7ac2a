package io.netstep.certs.scan;

/** What the firmware does with an array: trusts it as the CA, presents it as its own certificate, or signs with it. */
public enum ArrayRole {
    CA("CA certificate"), OWN_CERT("own (client) certificate"), KEY("private key"), UNKNOWN("unknown use");

    private final String words;

    ArrayRole(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
