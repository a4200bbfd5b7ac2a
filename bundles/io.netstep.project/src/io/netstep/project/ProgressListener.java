package io.netstep.project;

/** Told about each file the generator writes (a wizard's progress bar, the CLI's output). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (step, done, total) -> { };

    /** {@code step} is the project-relative path being written; {@code done} of {@code total} steps. */
    void progress(String step, int done, int total);
}
