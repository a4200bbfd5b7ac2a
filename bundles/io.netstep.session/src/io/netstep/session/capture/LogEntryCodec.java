package io.netstep.session.capture;

import io.netstep.net.NetworkEvent;
import io.netstep.session.JsonlRecorder;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.w5500.ChipEvent;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@link LogEntry} ↔ one JSON line. Encoding is {@link JsonlRecorder#line}'s (one encoder for
 * the whole project); this class adds the way back: the {@code type} names the event record
 * among the chip, network and session events, each record component is read by its name and
 * Java type, and a {@code time} component (left out by the encoder) is {@code t_ns}.
 */
final class LogEntryCodec {

    private static final Map<String, Class<?>> TYPES = types();

    private LogEntryCodec() { }

    static String encode(LogEntry e) {
        return JsonlRecorder.line(e);
    }

    /** Decodes an event line already parsed; throws IllegalArgumentException saying what is wrong. */
    static LogEntry decode(Map<String, Object> o) {
        long seq = number(o, "seq");
        long t = number(o, "t_ns");
        long wall = number(o, "wall_ms");
        Object type = o.get("type");
        if (!(type instanceof String name)) {
            throw new IllegalArgumentException("no \"type\"");
        }
        Class<?> c = TYPES.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown event type \"" + name + "\"");
        }
        RecordComponent[] parts = c.getRecordComponents();
        Object[] args = new Object[parts.length];
        Class<?>[] sig = new Class<?>[parts.length];
        for (int k = 0; k < parts.length; k++) {
            RecordComponent rc = parts[k];
            sig[k] = rc.getType();
            args[k] = rc.getName().equals("time") ? Long.valueOf(t) : value(rc, o);
        }
        try {
            Constructor<?> ctor = c.getDeclaredConstructor(sig);
            return new LogEntry(seq, t, wall, ctor.newInstance(args));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a " + name + ": " + e);
        }
    }

    private static Object value(RecordComponent rc, Map<String, Object> o) {
        String key = rc.getName();
        Class<?> type = rc.getType();
        if (!o.containsKey(key)) {
            throw new IllegalArgumentException("field \"" + key + "\" missing");
        }
        Object v = o.get(key);
        if (type == long.class || type == int.class) {
            if (!(v instanceof Long n)) {
                throw new IllegalArgumentException("field \"" + key + "\" is not a number");
            }
            if (type == int.class && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("field \"" + key + "\" out of range");
            }
            return type == int.class ? (Object) n.intValue() : n;
        }
        if (type == boolean.class) {
            if (!(v instanceof Boolean)) {
                throw new IllegalArgumentException("field \"" + key + "\" is not true/false");
            }
            return v;
        }
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("field \"" + key + "\" is not a string");
        }
        if (type == String.class) {
            return s;
        }
        if (type == byte[].class) {
            try {
                return HexFormat.of().parseHex(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field \"" + key + "\" is not hex");
            }
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(s)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("field \"" + key + "\": no " + type.getSimpleName() + " " + s);
        }
        throw new IllegalArgumentException("field \"" + key + "\" has a type this codec does not know: " + type);
    }

    private static long number(Map<String, Object> o, String key) {
        if (!(o.get(key) instanceof Long n)) {
            throw new IllegalArgumentException("no number \"" + key + "\"");
        }
        return n;
    }

    /** Record name → class, over the three event families; a name used twice would be ambiguous. */
    private static Map<String, Class<?>> types() {
        Map<String, Class<?>> m = new HashMap<>();
        for (Class<?> family : Arrays.asList(ChipEvent.class, NetworkEvent.class, SessionEvent.class)) {
            for (Class<?> c : family.getPermittedSubclasses()) {
                if (m.put(c.getSimpleName(), c) != null) {
                    throw new IllegalStateException("two event records are called " + c.getSimpleName()
                            + ": the session file cannot tell them apart");
                }
            }
        }
        return Map.copyOf(m);
    }

    /** The event type names this codec knows, for tests. */
    static java.util.Set<String> typeNames() {
        return TYPES.keySet();
    }
}
