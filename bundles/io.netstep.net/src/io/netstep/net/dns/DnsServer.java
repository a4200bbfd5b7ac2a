package io.netstep.net.dns;

import java.util.Locale;

/**
 * The virtual LAN's DNS server: answers A queries through a {@link Resolver} (the name map,
 * then the host resolver where allowed), NXDOMAIN for unknown names, an empty answer for other
 * record types of known names, NOTIMP for opcodes other than QUERY. Responses sent to it are
 * ignored (it is not a client).
 */
public final class DnsServer {

    /** An answer: the IPv4 address (null = no such name) and where it came from (map, host resolver, …). */
    public record Answer(byte[] address, String source) { }

    @FunctionalInterface
    public interface Resolver {
        Answer resolve(String name);
    }

    /** One query handled: the reply (null = none sent) and what was asked and answered. */
    public record Outcome(byte[] reply, String name, int qtype, byte[] address, String source) { }

    static final int TTL = 60;

    private final Resolver resolver;

    public DnsServer(Resolver resolver) {
        this.resolver = resolver;
    }

    /** Handles one query; throws IllegalArgumentException (with the reason) for a malformed packet. */
    public Outcome handle(byte[] packet) {
        DnsMessage q = DnsMessage.parse(packet);
        if (q.isResponse()) return new Outcome(null, q.qname, q.qtype, null, "a response sent to the server: ignored");
        if (q.opcode() != 0) return new Outcome(DnsMessage.reply(packet, q, DnsMessage.RCODE_NOTIMP, null, 0), q.qname, q.qtype, null, "opcode " + q.opcode() + " not implemented");
        if (q.qdcount != 1 || q.qname == null)
            return new Outcome(DnsMessage.reply(packet, q, DnsMessage.RCODE_FORMERR, null, 0), q.qname, q.qtype, null, q.qdcount + " questions (need 1)");
        String name = q.qname.toLowerCase(Locale.ROOT);
        if (q.qclass != DnsMessage.CLASS_IN)
            return new Outcome(DnsMessage.reply(packet, q, DnsMessage.RCODE_NOTIMP, null, 0), name, q.qtype, null, "class " + q.qclass + " not implemented");
        Answer a = resolver.resolve(name);
        if (a == null || a.address() == null)
            return new Outcome(DnsMessage.reply(packet, q, DnsMessage.RCODE_NXDOMAIN, null, 0), name, q.qtype, null, a == null ? "none" : a.source());
        if (q.qtype != DnsMessage.TYPE_A) // the name exists, but only with an A record
            return new Outcome(DnsMessage.reply(packet, q, DnsMessage.RCODE_OK, null, 0), name, q.qtype, null, a.source() + " (no record of this type)");
        return new Outcome(DnsMessage.reply(packet, q, DnsMessage.RCODE_OK, a.address(), TTL), name, q.qtype, a.address(), a.source());
    }
}
