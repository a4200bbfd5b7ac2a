package io.netstep.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS IoT Core policy document, as the AWS console shows it: {@code Version} and a list of
 * {@code Statement}s with {@code Effect} (Allow / Deny), {@code Action} ({@code iot:Connect},
 * {@code iot:Publish}, {@code iot:Subscribe}, {@code iot:Receive}, {@code iot:RetainPublish}, {@code iot:*}) and
 * {@code Resource} ARNs ({@code arn:aws:iot:REGION:ACCOUNT:client/ID}, {@code .../topic/NAME},
 * {@code .../topicfilter/FILTER}).
 * <p>
 * Evaluated as AWS does: an explicit Deny wins, else an Allow admits, else it is denied. In
 * Actions and Resources {@code *} matches any characters (slashes included) and {@code ?} one;
 * MQTT's {@code +} and {@code #} are plain characters of a topicfilter resource. Policy
 * variables {@code ${iot:ClientId}}, {@code ${iot:Connection.Thing.ThingName}} and
 * {@code ${iot:Certificate.Subject.CommonName}} are substituted; a statement whose variable has no
 * value on this connection (e.g. no thing of that name attached to the certificate) matches
 * nothing. {@code Condition} blocks are not supported and are refused when the policy is read.
 */
public final class IotPolicy {

    public enum Action {
        CONNECT("iot:Connect"), PUBLISH("iot:Publish"), SUBSCRIBE("iot:Subscribe"), RECEIVE("iot:Receive"),
        /** Needed besides iot:Publish for a PUBLISH with the RETAIN flag. */
        RETAIN_PUBLISH("iot:RetainPublish");

        final String awsName;

        Action(String awsName) {
            this.awsName = awsName;
        }

        public String awsName() {
            return awsName;
        }
    }

    /** What a request carries besides the resource: the values of the policy variables (null = unresolved). */
    public record Context(String clientId, String thingName, String certificateCommonName) { }

    /** The outcome and the statement that decided it (or why none did), in the policy's own words. */
    public record Decision(boolean allowed, String rule) { }

    private record Statement(int index, boolean allow, List<String> actions, List<String> resources) {
        String describe() {
            return "Statement " + index + ": " + (allow ? "Allow " : "Deny ") + String.join(",", actions) + " on "
                    + String.join(", ", resources);
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final List<Statement> statements;
    private final String source;

    private IotPolicy(List<Statement> statements, String source) {
        this.statements = statements;
        this.source = source;
    }

    /** Reads a policy file (JSON). */
    public static IotPolicy read(Path file) throws IOException {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy " + file + ": " + e.getMessage(), e);
        }
    }

    public static IotPolicy parse(String json) {
        return parse(json, "inline policy");
    }

    private static IotPolicy parse(String json, String source) {
        Object root = Json.parse(json);
        if (!(root instanceof Map<?, ?> doc)) throw new IllegalArgumentException("a policy is a JSON object");
        Object st = doc.get("Statement");
        List<Object> list;
        if (st instanceof List<?> l) list = new ArrayList<>(l);
        else if (st instanceof Map<?, ?>) list = List.of(st);
        else throw new IllegalArgumentException("the policy has no \"Statement\" list");
        List<Statement> out = new ArrayList<>();
        int n = 0;
        for (Object o : list) {
            n++;
            if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException("Statement " + n + " is not an object");
            if (m.containsKey("Condition"))
                throw new IllegalArgumentException("Statement " + n + ": Condition blocks are not supported by the emulator");
            if (m.containsKey("NotAction") || m.containsKey("NotResource"))
                throw new IllegalArgumentException("Statement " + n + ": NotAction / NotResource are not supported by the emulator");
            Object effect = m.get("Effect");
            if (!"Allow".equals(effect) && !"Deny".equals(effect))
                throw new IllegalArgumentException("Statement " + n + ": Effect must be \"Allow\" or \"Deny\", not " + effect);
            List<String> actions = strings(m.get("Action"), "Statement " + n + " Action");
            for (String a : actions) {
                if (!a.toLowerCase(Locale.ROOT).startsWith("iot:") && !a.equals("*"))
                    throw new IllegalArgumentException("Statement " + n + ": action '" + a + "' is not an iot: action");
            }
            List<String> resources = strings(m.get("Resource"), "Statement " + n + " Resource");
            out.add(new Statement(n, "Allow".equals(effect), actions, resources));
        }
        return new IotPolicy(List.copyOf(out), source);
    }

    private static List<String> strings(Object o, String what) {
        if (o instanceof String s) return List.of(s);
        if (o instanceof List<?> l && !l.isEmpty()) {
            List<String> r = new ArrayList<>();
            for (Object x : l) {
                if (!(x instanceof String s)) throw new IllegalArgumentException(what + " holds a non-string");
                r.add(s);
            }
            return List.copyOf(r);
        }
        throw new IllegalArgumentException(what + " is missing (a string or a list of strings)");
    }

    /**
     * The policy most AWS IoT tutorials attach to a thing's certificate: the client ID must be the
     * thing name, and the thing publishes, subscribes and receives under {@code THING/...} and its
     * shadow topics {@code $aws/things/THING/...}.
     */
    public static IotPolicy thingScoped(String region, String account) {
        String arn = "arn:aws:iot:" + region + ":" + account + ":";
        String thing = "${iot:Connection.Thing.ThingName}";
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"" + arn + "client/" + thing + "\"},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"iot:Publish\",\"iot:Receive\"],\"Resource\":[\"" + arn + "topic/" + thing
                + "/*\",\"" + arn + "topic/$aws/things/" + thing + "/*\"]},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:Subscribe\",\"Resource\":[\"" + arn + "topicfilter/" + thing
                + "/*\",\"" + arn + "topicfilter/$aws/things/" + thing + "/*\"]}]}";
        return parse(json, "built-in thing-scoped policy");
    }

    /** Where the policy came from (file name or "built-in ..."). */
    public String source() {
        return source;
    }

    /** Decides one request on {@code resourceArn} (the full ARN: {@code arn:aws:iot:REGION:ACCOUNT:topic/a/b}). */
    public Decision evaluate(Action action, String resourceArn, Context ctx) {
        Statement allow = null;
        for (Statement s : statements) {
            if (!matchesAction(s, action)) continue;
            for (String r : s.resources) {
                String resolved = substitute(r, ctx);
                if (resolved == null || !glob(resolved, resourceArn)) continue;
                if (!s.allow) return new Decision(false, s.describe() + " (explicit Deny)");
                if (allow == null) allow = s;
            }
        }
        if (allow != null) return new Decision(true, allow.describe());
        return new Decision(false, "no statement of " + source + " allows " + action.awsName + " on " + resourceArn
                + unresolvedNote(action, ctx));
    }

    private String unresolvedNote(Action action, Context ctx) {
        if (ctx.thingName() != null) return " (implicit deny)";
        for (Statement s : statements) {
            if (!matchesAction(s, action)) continue;
            for (String r : s.resources) {
                if (r.contains("${iot:Connection.Thing.ThingName}"))
                    return " (implicit deny; ${iot:Connection.Thing.ThingName} has no value: the client ID '" + ctx.clientId()
                            + "' is not the name of a thing attached to the certificate)";
            }
        }
        return " (implicit deny)";
    }

    private static boolean matchesAction(Statement s, Action a) {
        for (String pat : s.actions) {
            if (glob(pat.toLowerCase(Locale.ROOT), a.awsName.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }

    /** The resource with its variables filled in, or null when one has no value here. */
    static String substitute(String resource, Context ctx) {
        Matcher m = VARIABLE.matcher(resource);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = switch (m.group(1)) {
                case "iot:ClientId" -> ctx.clientId();
                case "iot:Connection.Thing.ThingName" -> ctx.thingName();
                case "iot:Certificate.Subject.CommonName" -> ctx.certificateCommonName();
                default -> null;
            };
            if (v == null) return null;
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** IAM-style wildcard match: {@code *} any run of characters, {@code ?} one character, else literal. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }

    @Override public String toString() {
        StringBuilder b = new StringBuilder("IotPolicy[" + source + "]");
        for (Statement s : statements) b.append("\n  ").append(s.describe());
        return b.toString();
    }
}
