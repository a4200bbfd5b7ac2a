package io.netstep.debug.ui.launch;

import io.netstep.debug.launch.LaunchAttributes;

/** Checks the text of a broker setting: "embedded" or HOST:PORT with a port of 1..65535. */
public final class BrokerText {

    private BrokerText() { }

    /** What is wrong with {@code text}, or null when it is a broker setting. */
    public static String problem(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return "Enter a broker: embedded, or host:port";
        }
        if (t.equalsIgnoreCase(LaunchAttributes.EMBEDDED_BROKER)) {
            return null;
        }
        return endpointProblem(t, "broker");
    }

    /** What is wrong with a HOST:PORT, or null. */
    public static String endpointProblem(String t, String what) {
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            return "The " + what + " must be host:port, e.g. 127.0.0.1:8883 (got \"" + t + "\")";
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") != host.endsWith("]") || host.isBlank() || host.contains(" ")) {
            return "The " + what + "'s host \"" + host + "\" is not a host name or address";
        }
        try {
            int port = Integer.parseInt(t.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return "The " + what + "'s port must be 1 to 65535 (got " + port + ")";
            }
        } catch (NumberFormatException e) {
            return "The " + what + "'s port \"" + t.substring(colon + 1) + "\" is not a number";
        }
        return null;
    }
}
