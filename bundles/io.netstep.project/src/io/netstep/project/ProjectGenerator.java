package io.netstep.project;

import io.netstep.project.internal.AwsPolicyFile;
import io.netstep.project.internal.CProjectFile;
import io.netstep.project.internal.CertificateArrays;
import io.netstep.project.internal.EclipseFiles;
import io.netstep.project.internal.IocFile;
import io.netstep.project.internal.LaunchFile;
import io.netstep.project.internal.ReadmeFile;
import io.netstep.project.internal.SourceFiles;
import io.netstep.project.internal.Templates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an STM32CubeIDE project for a {@link ProjectSpec}: {@code .project}, {@code .cproject}
 * (MCU Debug/Release + Host), {@code .mxproject}, {@code <name>.ioc}, the glue sources, the host
 * makefile, the NetStep launch configuration and a README.
 *
 * <p>Nothing is written when the spec has errors or a certificate file does not parse: every file
 * is composed in memory first. Each file is then written whole (a temporary file renamed over
 * it). Existing files with other names in the directory are left alone (e.g. what CubeMX
 * generated); the files the generator owns are replaced.
 */
public final class ProjectGenerator {

    static final String CERTS_SOURCE = "Core/Src/netstep_certs.c";
    /** The shim's files, as in native/shim, kept in this bundle (ShimCopyTest keeps them equal to native/shim). */
    static final List<String> SHIM_FILES = List.of("netstep_shim.c", "include/netstep_shim.h");

    private ProjectGenerator() { }

    /** The spec had errors: nothing was written. */
    public static final class InvalidSpecException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<SpecProblem> errors;

        InvalidSpecException(List<SpecProblem> errors) {
            super("the project settings have errors:\n  " + String.join("\n  ", errors.stream().map(SpecProblem::toString).toList()));
            this.errors = List.copyOf(errors);
        }

        public List<SpecProblem> errors() {
            return errors;
        }
    }

    public static GeneratedProject generate(ProjectSpec spec, Path dir, ProgressListener listener)
            throws InvalidSpecException, IOException {
        List<SpecProblem> problems = spec.problems();
        List<SpecProblem> errors = problems.stream().filter(SpecProblem::isError).toList();
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
        List<SpecProblem> warnings = problems.stream().filter(p -> !p.isError()).toList();
        Path target = dir.toAbsolutePath().normalize();
        Map<String, String> files = compose(spec, target, warnings);

        Files.createDirectories(target);
        int done = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            listener.progress(f.getKey(), done, files.size());
            // the certificates file may hold the device's private key: owner only
            boolean secret = f.getKey().equals(CERTS_SOURCE) && spec.certificates().clientKey() != null
                    || f.getKey().equals(SourceFiles.SECRETS_HEADER);
            write(target.resolve(f.getKey()), f.getValue(), secret ? "rw-------" : "rw-r--r--");
            done++;
        }
        listener.progress("done", files.size(), files.size());
        return new GeneratedProject(target, new ArrayList<>(files.keySet()), warnings);
    }

    /** Every file of the project, path → content, in the order they are written. */
    static Map<String, String> compose(ProjectSpec spec, Path dir, List<SpecProblem> warnings) throws IOException {
        Map<String, String> v = SourceFiles.values(spec, dir);
        var certs = spec.certificates();
        CertificateArrays.Array ca = certs.ca() != null ? CertificateArrays.certificate("netstep_ca", certs.ca())
                : CertificateArrays.none("netstep_ca");
        CertificateArrays.Array cert = certs.clientCertificate() != null
                ? CertificateArrays.certificate("netstep_client_cert", certs.clientCertificate())
                : CertificateArrays.none("netstep_client_cert");
        CertificateArrays.Array key = certs.clientKey() != null ? CertificateArrays.privateKey("netstep_client_key", certs.clientKey())
                : CertificateArrays.none("netstep_client_key");

        Map<String, String> f = new LinkedHashMap<>();
        f.put(".project", EclipseFiles.project(spec, dir));
        f.put(".cproject", CProjectFile.write(spec, dir));
        f.put(".mxproject", EclipseFiles.mxproject(spec));
        f.put(spec.name() + ".ioc", IocFile.write(IocFile.settings(spec)));
        f.put("Core/Inc/netstep_app_config.h", SourceFiles.appConfig(spec));
        f.put("Core/Inc/netstep_certs.h", SourceFiles.certsHeader(spec, ca, cert, key));
        f.put(CERTS_SOURCE, SourceFiles.certsSource(spec, ca, cert, key));
        f.put("Core/Inc/w5500_port.h", Templates.fill("w5500_port.h", v));
        f.put("Core/Src/w5500_port.c", Templates.fill("w5500_port.c", v));
        f.put("Core/Inc/tls_port.h", Templates.fill("tls_port.h", v));
        f.put("Core/Src/tls_port.c", Templates.fill(SourceFiles.tlsTemplate(spec), v));
        f.put("Core/Inc/mqtt_app.h", Templates.fill("mqtt_app.h", v));
        f.put("Core/Src/mqtt_app.c", Templates.fill("mqtt_app.c", v));
        f.put("NetStep/host_main.c", Templates.fill("host_main.c", v));
        f.put("NetStep/host.mk", Templates.fill("host.mk", v));
        if (spec.copiesShim()) {
            for (String s : SHIM_FILES) {
                f.put(ProjectSpec.COPIED_SHIM_DIR + "/" + s, Templates.resource("shim/" + s));
            }
        }
        if (spec.mqtt().hasCredentials()) {
            f.put(SourceFiles.SECRETS_HEADER, SourceFiles.secretsHeader(spec));
        }
        f.put(".gitignore", SourceFiles.gitignore(spec, certs.clientKey() != null));
        if (spec.broker().profile() == BrokerProfile.AWS_IOT) {
            f.put(AwsPolicyFile.PATH, AwsPolicyFile.write(spec));
        }
        f.put(LaunchFile.fileName(spec), LaunchFile.write(spec));
        f.put("README.md", ReadmeFile.write(spec, warnings));
        return f;
    }

    private static void write(Path file, String content, String permissions) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".netstep-", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
