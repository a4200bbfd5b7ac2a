package io.netstep.session.diagnosis;

import io.netstep.certs.CertArrayCheck;
import io.netstep.certs.scan.CSourceScanner;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificate and key arrays of the firmware's source folder, read once (a live diagnosis
 * asks again and again; the sources do not change while the firmware runs) and checked
 * against the broker's chain as the wire shows it.
 */
public final class ProjectArrays {

    private final Path dir;
    private CSourceScanner.Scan scan;
    private String problem;

    public ProjectArrays(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The check's report, or null when the folder cannot be read ({@link #problem()} says why). */
    synchronized CertArrayCheck.Report check(List<X509Certificate> brokerChain) {
        if (scan == null && problem == null) {
            try {
                scan = CSourceScanner.scanDirectory(dir);
            } catch (IOException | RuntimeException e) {
                problem = "cannot read the project folder " + dir + ": " + e.getMessage();
            }
        }
        if (scan == null) {
            return null;
        }
        return CertArrayCheck.check(dir, scan, new CertArrayCheck.Options(Instant.now(), brokerChain, List.of()));
    }

    synchronized String problem() {
        return problem;
    }

    /** "certs.c:12" as the path inside the project ("Core/Src/certs.c:12") when only one file has that name. */
    synchronized String place(String where) {
        int colon = where.lastIndexOf(':');
        if (scan == null || colon <= 0) {
            return where;
        }
        String name = where.substring(0, colon);
        Map<String, Path> byName = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (Path f : scan.files()) {
            String n = f.getFileName().toString();
            byName.put(n, f);
            count.merge(n, 1, Integer::sum);
        }
        Path f = byName.get(name);
        if (f == null || count.get(name) != 1) {
            return where;
        }
        return dir.relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/') + where.substring(colon);
    }
}
