package io.netstep.certs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Options of {@code netstep certs}: {@code --opt value} (repeatable), flags, and positional arguments. */
record Args(List<String> positional, Map<String, List<String>> options) {

    private static final Set<String> WITH_VALUE = Set.of("--ca", "--broker-chain", "--now", "--lib", "--name", "--format", "--out",
            "--server-name", "--host", "--purpose", "--password-env", "--write-fixed");
    private static final Set<String> FLAGS = Set.of("--rsa");

    static Args parse(List<String> args) {
        List<String> pos = new ArrayList<>();
        Map<String, List<String>> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (WITH_VALUE.contains(s)) {
                if (i + 1 >= args.size()) throw new IllegalArgumentException(s + " needs a value");
                opts.computeIfAbsent(s, k -> new ArrayList<>()).add(args.get(++i));
            } else if (FLAGS.contains(s)) {
                opts.computeIfAbsent(s, k -> new ArrayList<>()).add("");
            } else if (s.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + s);
            } else {
                pos.add(s);
            }
        }
        return new Args(pos, opts);
    }

    String one(String opt) {
        List<String> v = options.get(opt);
        if (v == null) return null;
        if (v.size() > 1) throw new IllegalArgumentException(opt + " given more than once");
        return v.get(0);
    }

    List<String> all(String opt) {
        return options.getOrDefault(opt, List.of());
    }

    boolean flag(String opt) {
        return options.containsKey(opt);
    }
}
