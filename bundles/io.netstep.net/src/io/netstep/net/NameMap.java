package io.netstep.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the chip's destinations go on the host. Entries are {@code PATTERN[:PORT]=HOST[:PORT]}:
 * <ul>
 * <li>{@code broker.test=127.0.0.1:18883}: a name (what the firmware asks DNS for);</li>
 * <li>{@code *.iot.*.amazonaws.com=127.0.0.1:8883}: {@code *} stands for one or more characters
 *     inside one label;</li>
 * <li>{@code 203.0.113.5:8883=127.0.0.1:18883}: an IPv4 address the firmware connects to
 *     directly;</li>
 * <li>{@code *=127.0.0.1:18883}: every destination not matched otherwise (how {@code --broker}
 *     sends everything to one broker).</li>
 * </ul>
 * A pattern with a port only matches that destination port; a target without a port keeps the
 * chip's port. Exact patterns win over wildcards, port-specific over port-less, and among equals
 * the first added.
 */
public final class NameMap {

    private record Entry(String pattern, int port, HostPort target, Pattern regex, boolean ip, int rank) { }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds one {@code PATTERN[:PORT]=HOST[:PORT]} entry; a bad one gets an IllegalArgumentException saying why. */
    public NameMap add(String spec) {
        if (spec == null) throw new IllegalArgumentException("map entry missing");
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1)
            throw new IllegalArgumentException("map entry '" + spec + "' is not PATTERN[:PORT]=HOST[:PORT]");
        String left = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        HostPort target = HostPort.parse(spec.substring(eq + 1));
        int port = -1;
        int colon = left.lastIndexOf(':');
        if (colon >= 0) {
            try {
                port = Integer.parseInt(left.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("map entry '" + spec + "': bad port " + left.substring(colon + 1));
            }
            if (port < 0 || port > 65535) throw new IllegalArgumentException("map entry '" + spec + "': port out of range");
            left = left.substring(0, colon);
        }
        if (left.isEmpty()) throw new IllegalArgumentException("map entry '" + spec + "': empty pattern");
        if (!left.matches("[a-z0-9*._-]+"))
            throw new IllegalArgumentException("map entry '" + spec + "': pattern may hold letters, digits, '-', '.', '*' only");
        boolean ip = Ip4.parseOrNull(left) != null;
        boolean wild = left.contains("*");
        Pattern regex = wild ? toRegex(left) : null;
        int rank = (left.equals("*") ? 4 : wild ? 2 : 0) + (port < 0 ? 1 : 0);
        entries.add(new Entry(left, port, target, regex, ip, rank));
        return this;
    }

    private static Pattern toRegex(String pattern) {
        if (pattern.equals("*")) return Pattern.compile(".+");
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') re.append("[^.]+");
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    /** The host endpoint for a destination (a name or a dotted IPv4 address) and port; null when nothing matches. */
    public HostPort lookup(String hostOrIp, int port) {
        Entry best = null;
        String key = hostOrIp.toLowerCase(Locale.ROOT);
        for (Entry e : entries) {
            if (e.port >= 0 && e.port != port) continue;
            if (!matches(e, key)) continue;
            if (best == null || e.rank < best.rank) best = e;
        }
        return best == null ? null : best.target.withPortIfUnset(port);
    }

    /** Whether DNS should answer this name from the map (some entry names it, for any port). */
    public boolean knowsName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (Entry e : entries) if (!e.ip && matches(e, key)) return true;
        return false;
    }

    private static boolean matches(Entry e, String key) {
        if (e.regex != null) {
            // '*' alone matches names and addresses; other wildcards only names
            if (!e.pattern.equals("*") && Ip4.parseOrNull(key) != null) return false;
            return e.regex.matcher(key).matches();
        }
        return e.pattern.equals(key);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override public String toString() {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            if (b.length() > 0) b.append(", ");
            b.append(e.pattern).append(e.port >= 0 ? ":" + e.port : "").append('=').append(e.target);
        }
        return b.toString();
    }
}
