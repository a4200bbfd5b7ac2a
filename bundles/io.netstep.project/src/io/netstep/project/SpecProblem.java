package io.netstep.project;

/** Something wrong (ERROR: nothing is generated) or worth knowing (WARNING) about a {@link ProjectSpec}. */
public record SpecProblem(Severity severity, String field, String message) {

    public enum Severity { ERROR, WARNING }

    static SpecProblem error(String field, String message) {
        return new SpecProblem(Severity.ERROR, field, message);
    }

    static SpecProblem warning(String field, String message) {
        return new SpecProblem(Severity.WARNING, field, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + field + ": " + message;
    }
}
