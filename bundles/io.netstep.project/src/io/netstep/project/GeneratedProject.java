package io.netstep.project;

import java.nio.file.Path;
import java.util.List;

/** What {@link ProjectGenerator#generate} wrote: the directory, its files (relative paths) and the spec's warnings. */
public record GeneratedProject(Path dir, List<String> files, List<SpecProblem> warnings) {
    public GeneratedProject {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
