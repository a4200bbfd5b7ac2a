package io.netstep.session.diagnosis;

import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cloud profile's decisions as the session logs them: {@code NetworkNote("cloud", …)}
 * whose message is the AWS IoT emulator's one-line form
 * ({@code aws-iot KIND conn=N peer=… client-id='…' topic='…' rule=[…]: detail}).
 */
final class CloudNotes {

    record Note(LogEntry entry, String kind, String clientId, String topic, String rule, String text) { }

    private static final Pattern LINE = Pattern.compile("aws-iot (\\w+)(?: conn=\\d+)?(?: peer=\\S+)?"
            + "(?: client-id='([^']*)')?(?: topic='([^']*)')?(?: rule=\\[(.*?)\\])?(?::.*)?");

    private CloudNotes() { }

    static List<Note> of(SessionTrace t, String kind) {
        List<Note> out = new ArrayList<>();
        for (LogEntry e : t.log) {
            if (e.event() instanceof SessionEvent.NetworkNote n && "cloud".equals(n.kind())) {
                Matcher m = LINE.matcher(n.message());
                if (m.lookingAt() && m.group(1).equals(kind)) {
                    out.add(new Note(e, kind, m.group(2), m.group(3), m.group(4), n.message()));
                }
            }
        }
        return out;
    }
}
