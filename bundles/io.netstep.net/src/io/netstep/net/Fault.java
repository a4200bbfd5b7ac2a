package io.netstep.net;

import java.util.Locale;

/**
 * One injected network fault, parsed from a {@code --fault} spec:
 * <pre>
 *   chunk=N[,delay=MS]          inbound TCP data reaches the chip N bytes at a time, MS ms (virtual) apart
 *   connect-delay=MS            the answer to the chip's SYN comes MS ms (virtual) late
 *   refuse[=HOST[:PORT]]        the SYN is answered with RST (Sn_IR TIMEOUT is not raised; the socket closes)
 *   blackhole[=HOST[:PORT]]     the SYN is never answered (the chip times out after RTR × (RCR+1))
 *   reset-after=N[,dir=in|out]  the connection is reset after N bytes in that direction (default in: host → chip)
 *   close-after=N[,dir=in|out]  the host closes (FIN) after N bytes in that direction (default in)
 * </pre>
 * Every kind also takes {@code ,to=HOST[:PORT]} to apply only to one destination; HOST is matched
 * against the address the chip used, the name behind it and the host endpoint it maps to.
 */
public record Fault(Kind kind, long amount, long delayMs, boolean outbound, HostPort target, String spec) {

    public enum Kind { CHUNK, CONNECT_DELAY, REFUSE, BLACKHOLE, RESET_AFTER, CLOSE_AFTER }

    public static Fault parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty fault spec");
        String[] parts = spec.trim().split(",");
        String head = parts[0];
        String name = head.contains("=") ? head.substring(0, head.indexOf('=')) : head;
        String value = head.contains("=") ? head.substring(head.indexOf('=') + 1) : null;
        Kind kind = switch (name.toLowerCase(Locale.ROOT)) {
            case "chunk" -> Kind.CHUNK;
            case "connect-delay" -> Kind.CONNECT_DELAY;
            case "refuse" -> Kind.REFUSE;
            case "blackhole" -> Kind.BLACKHOLE;
            case "reset-after" -> Kind.RESET_AFTER;
            case "close-after" -> Kind.CLOSE_AFTER;
            default -> throw new IllegalArgumentException("unknown fault '" + name
                    + "' (known: chunk, connect-delay, refuse, blackhole, reset-after, close-after)");
        };
        long amount = 0;
        long delay = 0;
        boolean out = false;
        HostPort target = null;
        switch (kind) {
            case REFUSE, BLACKHOLE -> {
                if (value != null && !value.isEmpty()) target = HostPort.parse(value);
            }
            default -> {
                if (value == null) throw new IllegalArgumentException("fault '" + spec + "': " + name + " needs =NUMBER");
                amount = number(spec, value);
                if (kind == Kind.CHUNK && amount < 1) throw new IllegalArgumentException("fault '" + spec + "': chunk size must be ≥ 1");
            }
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("fault '" + spec + "': option '" + p + "' is not KEY=VALUE");
            String k = p.substring(0, eq).toLowerCase(Locale.ROOT);
            String v = p.substring(eq + 1);
            switch (k) {
                case "delay" -> {
                    if (kind != Kind.CHUNK) throw new IllegalArgumentException("fault '" + spec + "': delay= only goes with chunk");
                    delay = number(spec, v);
                }
                case "dir" -> {
                    if (kind != Kind.RESET_AFTER && kind != Kind.CLOSE_AFTER)
                        throw new IllegalArgumentException("fault '" + spec + "': dir= only goes with reset-after / close-after");
                    if (v.equalsIgnoreCase("out")) out = true;
                    else if (!v.equalsIgnoreCase("in")) throw new IllegalArgumentException("fault '" + spec + "': dir must be in or out");
                }
                case "to" -> target = HostPort.parse(v);
                default -> throw new IllegalArgumentException("fault '" + spec + "': unknown option '" + k + "'");
            }
        }
        return new Fault(kind, amount, delay, out, target, spec.trim());
    }

    private static long number(String spec, String v) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) throw new IllegalArgumentException("fault '" + spec + "': negative number " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + spec + "': not a number: " + v);
        }
    }

    /** Whether this fault applies to a connection; {@code names} are what the destination is known as (address, name, host endpoint). */
    public boolean appliesTo(int port, int hostPort, String... names) {
        if (target == null) return true;
        for (String n : names) {
            if (n == null) continue;
            if (!target.host().equals("*") && !target.host().equalsIgnoreCase(n)) continue;
            if (target.port() < 0 || target.port() == port || target.port() == hostPort) return true;
        }
        return false;
    }
}
