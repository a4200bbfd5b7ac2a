package io.netstep.mqtt;

/** Topic Name and Topic Filter rules (section 4.7; shared subscriptions 5.0 section 4.8.2). */
final class Topics {

    private Topics() {
    }

    static boolean hasWildcard(String topic) {
        return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
    }

    /** Where a '#' breaks MQTT-4.7.1-2 (3.1.1) / MQTT-4.7.1-1 (5.0): not alone or after '/', or not last. -1 if fine. */
    static int badMultiLevel(String filter) {
        for (int i = 0; i < filter.length(); i++) {
            if (filter.charAt(i) == '#') {
                boolean ownLevel = i == 0 || filter.charAt(i - 1) == '/';
                if (!ownLevel || i != filter.length() - 1) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Where a '+' does not occupy an entire level. -1 if fine. */
    static int badSingleLevel(String filter) {
        for (int i = 0; i < filter.length(); i++) {
            if (filter.charAt(i) == '+') {
                boolean startOk = i == 0 || filter.charAt(i - 1) == '/';
                boolean endOk = i == filter.length() - 1 || filter.charAt(i + 1) == '/';
                if (!startOk || !endOk) {
                    return i;
                }
            }
        }
        return -1;
    }

    static boolean isShared(String filter) {
        return filter.startsWith("$share/");
    }

    /** What is wrong with a "$share/{ShareName}/{filter}" (5.0 MQTT-4.8.2-1 / -2), or null. */
    static String sharedProblem(String filter) {
        String rest = filter.substring("$share/".length());
        int slash = rest.indexOf('/');
        String shareName = slash < 0 ? rest : rest.substring(0, slash);
        if (shareName.isEmpty()) {
            return "MQTT-4.8.2-1:the ShareName is empty";
        }
        if (shareName.indexOf('+') >= 0 || shareName.indexOf('#') >= 0) {
            return "MQTT-4.8.2-2:the ShareName contains a wildcard";
        }
        if (slash < 0 || slash == rest.length() - 1) {
            return "MQTT-4.8.2-2:the ShareName is not followed by '/' and a Topic Filter";
        }
        return null;
    }
}
