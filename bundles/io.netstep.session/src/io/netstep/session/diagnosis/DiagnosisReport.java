package io.netstep.session.diagnosis;

import java.io.PrintStream;
import java.util.List;

/** Diagnoses as text for people and as JSON lines for tools. */
public final class DiagnosisReport {

    private DiagnosisReport() { }

    public static void printText(List<Diagnosis> ds, PrintStream out) {
        if (ds.isEmpty()) {
            out.println("diagnosis: no known failure found (checked F1–F16)");
            return;
        }
        for (Diagnosis d : ds) {
            out.println("diagnosis " + d.id() + " " + d.name() + " [" + d.confidence() + "]: " + d.title());
            out.println("  why this confidence: " + d.why());
            out.println("  what happened: " + d.explanation());
            out.println("  evidence:");
            for (Evidence e : d.evidence()) {
                // seq 0: a fact with no log entry of its own (derived, or from the project's sources)
                out.println(e.seq() == 0 ? "    - " + e.what() : "    #" + e.seq() + " " + e.time() + "  " + e.what());
            }
            if (!d.candidates().isEmpty()) {
                out.println("  other candidates:");
                for (String c : d.candidates()) {
                    out.println("    - " + c);
                }
            }
            out.println("  fix: " + d.fix());
        }
    }

    /** One JSON object: {"layer":"diagnosis","id":…,"name":…,"confidence":…,"evidence":[{"seq":…,"t_ns":…,"what":…}],…}. */
    public static String json(Diagnosis d) {
        StringBuilder b = new StringBuilder("{\"layer\":\"diagnosis\"");
        field(b, "id", d.id());
        field(b, "name", d.name());
        field(b, "title", d.title());
        field(b, "confidence", d.confidence().name());
        field(b, "why", d.why());
        field(b, "explanation", d.explanation());
        b.append(",\"evidence\":[");
        for (int i = 0; i < d.evidence().size(); i++) {
            Evidence e = d.evidence().get(i);
            b.append(i == 0 ? "" : ",").append("{\"seq\":").append(e.seq()).append(",\"t_ns\":").append(e.virtualNanos());
            field(b, "what", e.what());
            b.append('}');
        }
        b.append(']');
        field(b, "fix", d.fix());
        b.append(",\"candidates\":[");
        for (int i = 0; i < d.candidates().size(); i++) {
            b.append(i == 0 ? "" : ",");
            quote(b, d.candidates().get(i));
        }
        return b.append("]}").toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":");
        quote(b, value);
    }

    private static void quote(StringBuilder b, String s) {
        io.netstep.session.JsonlRecorder.quote(b, s);
    }
}
