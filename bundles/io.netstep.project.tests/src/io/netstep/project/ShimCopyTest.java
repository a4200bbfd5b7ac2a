package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim's sources the bundle carries (to copy into projects of users without a NetStep
 * checkout) are native/shim's, byte for byte: one source of truth, and this test stops drift.
 */
class ShimCopyTest {

    @TempDir
    Path tmp;

    @Test
    void theBundlesShimIsNativeShimByteForByte() throws Exception {
        Path shim = Checkout.shim();
        TreeSet<String> sources = new TreeSet<>();
        try (Stream<Path> s = Files.walk(shim)) {
            s.filter(Files::isRegularFile).map(p -> shim.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".c") || p.endsWith(".h")).forEach(sources::add);
        }
        assertEquals(new TreeSet<>(ProjectGenerator.SHIM_FILES), sources,
                "native/shim's C files and the bundle's list (ProjectGenerator.SHIM_FILES) differ");
        for (String f : sources) {
            try (InputStream in = ProjectGenerator.class.getResourceAsStream("/io/netstep/project/shim/" + f)) {
                assertNotNull(in, f + " is missing from io.netstep.project (src/io/netstep/project/shim/)");
                assertArrayEquals(Files.readAllBytes(shim.resolve(f)), in.readAllBytes(),
                        "bundles/io.netstep.project/src/io/netstep/project/shim/" + f + " differs from native/shim/" + f
                                + ": copy native/shim over it");
            }
        }
    }

    @Test
    void withoutAShimFolderTheProjectCarriesItsOwnCopy() throws Exception {
        ProjectSpec spec = Checkout.spec("fw-copy").shim(null).build();
        assertTrue(spec.copiesShim());
        assertEquals(List.of(), spec.errors());
        Path dir = tmp.resolve(spec.name());
        GeneratedProject p = ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        assertTrue(p.files().containsAll(List.of("NetStep/shim/netstep_shim.c", "NetStep/shim/include/netstep_shim.h")), p.files().toString());
        assertArrayEquals(Files.readAllBytes(Checkout.shim().resolve("netstep_shim.c")),
                Files.readAllBytes(dir.resolve("NetStep/shim/netstep_shim.c")));
        assertTrue(Files.readString(dir.resolve("NetStep/host.mk")).contains("NETSTEP_SHIM_DIR ?= NetStep/shim\n"));
        String cproject = Files.readString(dir.resolve(".cproject"));
        assertTrue(cproject.contains("NetStep/shim/include"), "the Host configuration's include path");
        assertFalse(cproject.contains(Checkout.shim().toString()), "no path into a NetStep checkout");
        assertTrue(Files.readString(dir.resolve("README.md")).contains("`NetStep/shim/`"));

        // a project given a shim folder copies nothing
        ProjectSpec linked = Checkout.spec("fw-linked").build();
        GeneratedProject q = ProjectGenerator.generate(linked, tmp.resolve("fw-linked"), ProgressListener.NONE);
        assertTrue(q.files().stream().noneMatch(f -> f.startsWith("NetStep/shim/")), q.files().toString());
    }
}
