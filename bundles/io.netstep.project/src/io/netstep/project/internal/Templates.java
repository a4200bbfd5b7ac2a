package io.netstep.project.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bundle's source templates ({@code io/netstep/project/templates}) with {@code @@KEY@@} placeholders. */
public final class Templates {

    private static final Pattern KEY = Pattern.compile("@@([A-Z_]+)@@");

    private Templates() { }

    public static String load(String name) {
        return resource("templates/" + name);
    }

    /** A text file of the bundle under io/netstep/project/ (templates/, shim/). */
    public static String resource(String path) {
        try (InputStream in = Templates.class.getResourceAsStream("/io/netstep/project/" + path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template with every placeholder replaced; an unknown placeholder is a bug in the generator. */
    public static String fill(String name, Map<String, String> values) {
        Matcher m = KEY.matcher(load(name));
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("template " + name + ": no value for @@" + m.group(1) + "@@");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
