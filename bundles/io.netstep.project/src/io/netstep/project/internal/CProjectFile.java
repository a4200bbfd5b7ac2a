package io.netstep.project.internal;

import io.netstep.project.ProjectSpec;
import io.netstep.project.TlsLibrary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code .cproject}: STM32CubeIDE's "Debug" and "Release" configurations (MCU ARM GCC toolchain,
 * the board's MCU, Cortex-M4 hard float fpv4-sp-d16) and a "Host" configuration: a makefile
 * configuration with the host's GCC ({@code make -f NetStep/host.mk}) that builds the networking
 * code against the NetStep shim for the virtual W5500.
 */
public final class CProjectFile {

    public static final String ST = "com.st.stm32cube.ide.mcu.gnu.managedbuild.";

    private final ProjectSpec spec;
    private final Path dir;
    private final Ids ids;
    private final StringBuilder b = new StringBuilder();
    private final List<String> scanner = new ArrayList<>();

    private CProjectFile(ProjectSpec spec, Path dir) {
        this.spec = spec;
        this.dir = dir;
        this.ids = new Ids(spec.name());
    }

    public static String write(ProjectSpec spec, Path dir) {
        return new CProjectFile(spec, dir).text();
    }

    /** Include paths of the MCU configurations, relative to the build folder as CubeIDE writes them. */
    public static List<String> mcuIncludes(ProjectSpec spec, Path dir) {
        List<String> inc = new ArrayList<>(List.of("../Core/Inc", "../Drivers/STM32F4xx_HAL_Driver/Inc",
                "../Drivers/STM32F4xx_HAL_Driver/Inc/Legacy", "../Drivers/CMSIS/Device/ST/STM32F4xx/Include",
                "../Drivers/CMSIS/Include"));
        if (spec.tls().library() == TlsLibrary.MBEDTLS) {
            inc.addAll(List.of("../MBEDTLS/App", "../Middlewares/Third_Party/mbedTLS/include"));
        } else {
            inc.add("../Middlewares/Third_Party/wolfSSL_wolfSSL_wolfSSL/wolfssl");
        }
        String lib = "${workspace_loc:/${ProjName}/ioLibrary";
        if (new Locations(dir, spec.ioLibraryDir()).isWiznetLayout()) {
            for (String d : List.of("Ethernet", "Ethernet/W5500", "Internet/DHCP", "Internet/DNS")) {
                inc.add("\"" + lib + "/" + d + "}\"");
            }
        } else {
            inc.add("\"" + lib + "/include}\"");
        }
        if (EclipseFiles.separateMqttFolder(spec)) {
            inc.add("\"${workspace_loc:/${ProjName}/MQTT}\"");
        } else {
            inc.add("\"" + lib + "/Internet/MQTT}\"");
            inc.add("\"" + lib + "/Internet/MQTT/MQTTPacket/src}\"");
        }
        return inc;
    }

    private String text() {
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        b.append("<?fileVersion 4.0.0?><cproject storage_type_id=\"org.eclipse.cdt.core.XmlProjectDescriptionStorage\">\n");
        b.append("\t<storageModule moduleId=\"org.eclipse.cdt.core.settings\">\n");
        mcuConfiguration(true);
        mcuConfiguration(false);
        hostConfiguration();
        b.append("\t</storageModule>\n");
        b.append("\t<storageModule moduleId=\"org.eclipse.cdt.core.pathentry\"/>\n");
        b.append("\t<storageModule moduleId=\"cdtBuildSystem\" version=\"4.0.0\">\n");
        b.append("\t\t<project id=\"").append(Xml.attr(ids.of(spec.name() + ".null", "project"))).append("\" name=\"")
                .append(Xml.attr(spec.name())).append("\"/>\n\t</storageModule>\n");
        b.append("\t<storageModule moduleId=\"org.eclipse.cdt.core.LanguageSettingsProviders\"/>\n");
        b.append("\t<storageModule moduleId=\"scannerConfiguration\">\n");
        b.append("\t\t<autodiscovery enabled=\"true\" problemReportingEnabled=\"true\" selectedProfileId=\"\"/>\n");
        for (String s : scanner) {
            b.append("\t\t<scannerConfigBuildInfo instanceId=\"").append(s).append("\">\n");
            b.append("\t\t\t<autodiscovery enabled=\"false\" problemReportingEnabled=\"true\" selectedProfileId=\"\"/>\n");
            b.append("\t\t</scannerConfigBuildInfo>\n");
        }
        b.append("\t</storageModule>\n");
        b.append("\t<storageModule moduleId=\"org.eclipse.cdt.make.core.buildtargets\"/>\n");
        b.append("\t<storageModule moduleId=\"refreshScope\"/>\n");
        b.append("</cproject>\n");
        return b.toString();
    }

    private void settingsModule(String id, String name) {
        b.append("\t\t\t<storageModule buildSystemId=\"org.eclipse.cdt.managedbuilder.core.configurationDataProvider\" id=\"")
                .append(id).append("\" moduleId=\"org.eclipse.cdt.core.settings\" name=\"").append(name).append("\">\n");
        b.append("\t\t\t\t<externalSettings/>\n\t\t\t\t<extensions>\n");
        for (String[] e : new String[][] {{"org.eclipse.cdt.core.ELF", "BinaryParser"},
                {"org.eclipse.cdt.core.GASErrorParser", "ErrorParser"}, {"org.eclipse.cdt.core.GmakeErrorParser", "ErrorParser"},
                {"org.eclipse.cdt.core.GLDErrorParser", "ErrorParser"}, {"org.eclipse.cdt.core.CWDLocator", "ErrorParser"},
                {"org.eclipse.cdt.core.GCCErrorParser", "ErrorParser"}}) {
            b.append("\t\t\t\t\t<extension id=\"").append(e[0]).append("\" point=\"org.eclipse.cdt.core.").append(e[1]).append("\"/>\n");
        }
        b.append("\t\t\t\t</extensions>\n\t\t\t</storageModule>\n");
    }

    private void option(String indent, String superClass, String name, String value, String type) {
        b.append(indent).append("<option id=\"").append(ids.of(superClass, current)).append("\" name=\"").append(Xml.attr(name))
                .append("\" superClass=\"").append(superClass).append("\" useByScannerDiscovery=\"false\"");
        if (value != null) {
            b.append(" value=\"").append(Xml.attr(value)).append("\"");
        }
        b.append(" valueType=\"").append(type).append("\"/>\n");
    }

    private void listOption(String indent, String superClass, String name, String type, List<String> values) {
        b.append(indent).append("<option IS_BUILTIN_EMPTY=\"false\" IS_VALUE_EMPTY=\"false\" id=\"")
                .append(ids.of(superClass, current)).append("\" name=\"").append(Xml.attr(name)).append("\" superClass=\"")
                .append(superClass).append("\" useByScannerDiscovery=\"false\" valueType=\"").append(type).append("\">\n");
        for (String v : values) {
            b.append(indent).append("\t<listOptionValue builtIn=\"false\" value=\"").append(Xml.attr(v)).append("\"/>\n");
        }
        b.append(indent).append("</option>\n");
    }

    private String current;

    private void tool(String indent, String superClass, String name) {
        b.append(indent).append("<tool id=\"").append(ids.of(superClass, current)).append("\" name=\"").append(Xml.attr(name))
                .append("\" superClass=\"").append(superClass).append("\"/>\n");
    }

    private void mcuConfiguration(boolean debug) {
        String kind = debug ? "debug" : "release";
        String name = debug ? "Debug" : "Release";
        current = kind;
        String cfg = ids.of(ST + "config.exe." + kind, kind);
        String in = "\t\t\t\t\t\t\t";
        String in2 = in + "\t";
        b.append("\t\t<cconfiguration id=\"").append(cfg).append("\">\n");
        settingsModule(cfg, name);
        b.append("\t\t\t<storageModule moduleId=\"cdtBuildSystem\" version=\"4.0.0\">\n");
        b.append("\t\t\t\t<configuration artifactExtension=\"elf\" artifactName=\"${ProjName}\" ")
                .append("buildArtefactType=\"org.eclipse.cdt.build.core.buildArtefactType.exe\" ")
                .append("buildProperties=\"org.eclipse.cdt.build.core.buildArtefactType=org.eclipse.cdt.build.core.buildArtefactType.exe,")
                .append("org.eclipse.cdt.build.core.buildType=org.eclipse.cdt.build.core.buildType.").append(kind)
                .append("\" cleanCommand=\"rm -rf\" description=\"\" id=\"").append(cfg).append("\" name=\"").append(name)
                .append("\" parent=\"").append(ST).append("config.exe.").append(kind).append("\">\n");
        b.append("\t\t\t\t\t<folderInfo id=\"").append(cfg).append(".\" name=\"/\" resourcePath=\"\">\n");
        String tc = ids.of(ST + "toolchain.exe." + kind, kind);
        b.append("\t\t\t\t\t\t<toolChain id=\"").append(tc).append("\" name=\"MCU ARM GCC\" superClass=\"").append(ST)
                .append("toolchain.exe.").append(kind).append("\">\n");
        option(in, ST + "option.target_mcu", "MCU", spec.board().mcu(), "string");
        option(in, ST + "option.target_cpuid", "CPU", "0", "string");
        option(in, ST + "option.target_coreid", "Core", "0", "string");
        option(in, ST + "option.fpu", "Floating-point unit", ST + "option.fpu.value.fpv4-sp-d16", "enumerated");
        option(in, ST + "option.floatabi", "Floating-point ABI", ST + "option.floatabi.value.hard", "enumerated");
        option(in, ST + "option.target_board", "Board", spec.board().boardName(), "string");
        option(in, ST + "option.defaults", "Defaults", "com.st.stm32cube.ide.common.services.build.inputs.revA.1.0.6 || "
                + name + " || true || Executable || " + ST + "option.toolchain.value.workspace || " + spec.board().boardName()
                + " || 0 || 0 || arm-none-eabi- || ${gnu_tools_for_stm32_compiler_path} || "
                + String.join(" | ", mcuIncludes(spec, dir).subList(0, 5)) + " ||  ||  || "
                + String.join(" | ", defines(false)) + " ||  || Drivers | Core/Startup | Core ||  ||  || ${workspace_loc:/${ProjName}/"
                + spec.board().linkerScript() + "} || true || NonSecure ||  || secure_nsclib.o ||  || None ||  ||  || ", "string");
        b.append(in).append("<targetPlatform archList=\"all\" binaryParser=\"org.eclipse.cdt.core.ELF\" id=\"")
                .append(ids.of(ST + "targetplatform", kind)).append("\" isAbstract=\"false\" osList=\"all\" superClass=\"")
                .append(ST).append("targetplatform\"/>\n");
        b.append(in).append("<builder buildPath=\"${workspace_loc:/").append(Xml.attr(spec.name())).append("}/").append(name)
                .append("\" id=\"").append(ids.of(ST + "builder", kind))
                .append("\" keepEnvironmentInBuildfile=\"false\" managedBuildOn=\"true\" name=\"Gnu Make Builder\" ")
                .append("parallelBuildOn=\"true\" parallelizationNumber=\"optimal\" superClass=\"").append(ST).append("builder\"/>\n");
        // assembler
        b.append(in).append("<tool id=\"").append(ids.of(ST + "tool.assembler", kind)).append("\" name=\"MCU/MPU GCC Assembler\" superClass=\"")
                .append(ST).append("tool.assembler\">\n");
        option(in2, ST + "tool.assembler.option.debuglevel", "Debug level",
                ST + "tool.assembler.option.debuglevel.value." + (debug ? "g3" : "g0"), "enumerated");
        if (debug) {
            listOption(in2, ST + "tool.assembler.option.definedsymbols", "Define symbols (-D)", "definedSymbols", List.of("DEBUG"));
        }
        inputType(in2, ST + "tool.assembler.input", kind);
        b.append(in).append("</tool>\n");
        // C compiler
        String cc = ids.of(ST + "tool.c.compiler", kind);
        String ccInput = ids.of(ST + "tool.c.compiler.input.c", kind);
        b.append(in).append("<tool id=\"").append(cc).append("\" name=\"MCU/MPU GCC Compiler\" superClass=\"").append(ST)
                .append("tool.c.compiler\">\n");
        option(in2, ST + "tool.c.compiler.option.debuglevel", "Debug level",
                ST + "tool.c.compiler.option.debuglevel.value." + (debug ? "g3" : "g0"), "enumerated");
        option(in2, ST + "tool.c.compiler.option.optimization.level", "Optimization level",
                debug ? null : ST + "tool.c.compiler.option.optimization.level.value.os", "enumerated");
        listOption(in2, ST + "tool.c.compiler.option.definedsymbols", "Define symbols (-D)", "definedSymbols", defines(debug));
        listOption(in2, ST + "tool.c.compiler.option.includepaths", "Include paths (-I)", "includePath", mcuIncludes(spec, dir));
        b.append(in2).append("<inputType id=\"").append(ccInput).append("\" superClass=\"").append(ST)
                .append("tool.c.compiler.input.c\"/>\n");
        b.append(in).append("</tool>\n");
        scanner.add(cfg + ";" + cfg + ".;" + cc + ";" + ccInput);
        tool(in, ST + "tool.cpp.compiler", "MCU/MPU G++ Compiler");
        // linker
        b.append(in).append("<tool id=\"").append(ids.of(ST + "tool.c.linker", kind)).append("\" name=\"MCU/MPU GCC Linker\" superClass=\"")
                .append(ST).append("tool.c.linker\">\n");
        option(in2, ST + "tool.c.linker.option.script", "Linker Script (-T)",
                "${workspace_loc:/${ProjName}/" + spec.board().linkerScript() + "}", "string");
        b.append(in2).append("<inputType id=\"").append(ids.of(ST + "tool.c.linker.input", kind)).append("\" superClass=\"")
                .append(ST).append("tool.c.linker.input\">\n");
        b.append(in2).append("\t<additionalInput kind=\"additionalinputdependency\" paths=\"$(USER_OBJS)\"/>\n");
        b.append(in2).append("\t<additionalInput kind=\"additionalinput\" paths=\"$(LIBS)\"/>\n");
        b.append(in2).append("</inputType>\n");
        b.append(in).append("</tool>\n");
        tool(in, ST + "tool.cpp.linker", "MCU/MPU G++ Linker");
        tool(in, ST + "tool.archiver", "MCU/MPU GCC Archiver");
        tool(in, ST + "tool.size", "MCU Size");
        tool(in, ST + "tool.objdump.listfile", "MCU Output Converter list file");
        tool(in, ST + "tool.objcopy.hex", "MCU Output Converter Hex");
        tool(in, ST + "tool.objcopy.binary", "MCU Output Converter Binary");
        tool(in, ST + "tool.objcopy.verilog", "MCU Output Converter Verilog");
        tool(in, ST + "tool.objcopy.srec", "MCU Output Converter Motorola S-rec");
        tool(in, ST + "tool.objcopy.symbolsrec", "MCU Output Converter Motorola S-rec with symbols");
        b.append("\t\t\t\t\t\t</toolChain>\n\t\t\t\t\t</folderInfo>\n");
        // sources: CubeMX's folders and the linked ioLibrary / MQTT; NetStep/ (host only) is left out
        b.append("\t\t\t\t\t<sourceEntries>\n");
        sourceEntry("Core", null);
        sourceEntry("Drivers", null);
        sourceEntry("Middlewares", null);
        if (spec.tls().library() == TlsLibrary.MBEDTLS) {
            sourceEntry("MBEDTLS", null);
        }
        boolean wiznet = new Locations(dir, spec.ioLibraryDir()).isWiznetLayout();
        sourceEntry("ioLibrary", wiznet ? "Application|Internet/FTPClient|Internet/FTPServer|Internet/httpServer|"
                + "Internet/SNMP|Internet/SNTP|Internet/TFTP" : null);
        if (EclipseFiles.separateMqttFolder(spec)) {
            sourceEntry("MQTT", "test");
        }
        b.append("\t\t\t\t\t</sourceEntries>\n");
        b.append("\t\t\t\t</configuration>\n\t\t\t</storageModule>\n");
        b.append("\t\t\t<storageModule moduleId=\"org.eclipse.cdt.core.externalSettings\"/>\n");
        b.append("\t\t</cconfiguration>\n");
    }

    private void inputType(String indent, String superClass, String key) {
        b.append(indent).append("<inputType id=\"").append(ids.of(superClass, key)).append("\" superClass=\"")
                .append(superClass).append("\"/>\n");
    }

    private void sourceEntry(String name, String excluding) {
        b.append("\t\t\t\t\t\t<entry ");
        if (excluding != null) {
            b.append("excluding=\"").append(Xml.attr(excluding)).append("\" ");
        }
        b.append("flags=\"VALUE_WORKSPACE_PATH|RESOLVED\" kind=\"sourcePath\" name=\"").append(name).append("\"/>\n");
    }

    private List<String> defines(boolean debug) {
        List<String> d = new ArrayList<>();
        if (debug) {
            d.add("DEBUG");
        }
        d.add("USE_HAL_DRIVER");
        d.add(spec.board().deviceDefine());
        d.add("_WIZCHIP_=W5500");
        if (spec.tls().library() == TlsLibrary.MBEDTLS) {
            d.add("MBEDTLS_CONFIG_FILE=\"mbedtls_config.h\"");
        } else {
            d.add("WOLFSSL_USER_SETTINGS");
        }
        return d;
    }

    /** "Host": a makefile configuration with the host's GCC, building NetStep/host.mk. */
    private void hostConfiguration() {
        current = "host";
        String cfg = ids.of("cdt.managedbuild.toolchain.gnu.base", "host-config");
        String in = "\t\t\t\t\t\t\t";
        String in2 = in + "\t";
        b.append("\t\t<cconfiguration id=\"").append(cfg).append("\">\n");
        settingsModule(cfg, "Host");
        b.append("\t\t\t<storageModule moduleId=\"cdtBuildSystem\" version=\"4.0.0\">\n");
        b.append("\t\t\t\t<configuration artifactName=\"${ProjName}\" buildProperties=\"\" description=\"")
                .append("Host build for the NetStep virtual W5500 (make -f NetStep/host.mk)\" id=\"").append(cfg)
                .append("\" name=\"Host\" parent=\"org.eclipse.cdt.build.core.emptycfg\">\n");
        b.append("\t\t\t\t\t<folderInfo id=\"").append(cfg).append(".\" name=\"/\" resourcePath=\"\">\n");
        b.append("\t\t\t\t\t\t<toolChain id=\"").append(ids.of("cdt.managedbuild.toolchain.gnu.base", "host"))
                .append("\" name=\"Linux GCC\" superClass=\"cdt.managedbuild.toolchain.gnu.base\">\n");
        b.append(in).append("<targetPlatform archList=\"all\" binaryParser=\"org.eclipse.cdt.core.ELF\" id=\"")
                .append(ids.of("cdt.managedbuild.target.gnu.platform.base", "host"))
                .append("\" name=\"Debug Platform\" osList=\"linux,hpux,aix,qnx\" superClass=\"cdt.managedbuild.target.gnu.platform.base\"/>\n");
        b.append(in).append("<builder arguments=\"-f NetStep/host.mk\" buildPath=\"${workspace_loc:/")
                .append(Xml.attr(spec.name())).append("}\" command=\"make\" id=\"")
                .append(ids.of("cdt.managedbuild.target.gnu.builder.base", "host"))
                .append("\" keepEnvironmentInBuildfile=\"false\" managedBuildOn=\"false\" name=\"Gnu Make Builder\" ")
                .append("superClass=\"cdt.managedbuild.target.gnu.builder.base\"/>\n");
        String cc = ids.of("cdt.managedbuild.tool.gnu.c.compiler.base", "host");
        String ccInput = ids.of("cdt.managedbuild.tool.gnu.c.compiler.input", "host");
        b.append(in).append("<tool id=\"").append(cc).append("\" name=\"GCC C Compiler\" superClass=\"cdt.managedbuild.tool.gnu.c.compiler.base\">\n");
        listOption(in2, "gnu.c.compiler.option.include.paths", "Include paths (-I)", "includePath", hostIncludes());
        listOption(in2, "gnu.c.compiler.option.preprocessor.def.symbols", "Defined symbols (-D)", "definedSymbols",
                List.of("NETSTEP_HOST", "_WIZCHIP_=W5500"));
        b.append(in2).append("<inputType id=\"").append(ccInput).append("\" superClass=\"cdt.managedbuild.tool.gnu.c.compiler.input\"/>\n");
        b.append(in).append("</tool>\n");
        scanner.add(cfg + ";" + cfg + ".;" + cc + ";" + ccInput);
        b.append(in).append("<tool id=\"").append(ids.of("cdt.managedbuild.tool.gnu.c.linker.base", "host"))
                .append("\" name=\"GCC C Linker\" superClass=\"cdt.managedbuild.tool.gnu.c.linker.base\">\n");
        listOption(in2, "gnu.c.link.option.paths", "Library search path (-L)", "libPaths",
                List.of(new Locations(dir, spec.effectiveShimDir()).slashed()));
        listOption(in2, "gnu.c.link.option.libs", "Libraries (-l)", "libs", hostLibraries());
        b.append(in).append("</tool>\n");
        b.append("\t\t\t\t\t\t</toolChain>\n\t\t\t\t\t</folderInfo>\n");
        b.append("\t\t\t\t\t<sourceEntries>\n");
        sourceEntry("Core", null);
        sourceEntry("NetStep", null);
        b.append("\t\t\t\t\t</sourceEntries>\n");
        b.append("\t\t\t\t</configuration>\n\t\t\t</storageModule>\n");
        b.append("\t\t\t<storageModule moduleId=\"org.eclipse.cdt.core.externalSettings\"/>\n");
        b.append("\t\t</cconfiguration>\n");
    }

    private List<String> hostIncludes() {
        List<String> inc = new ArrayList<>(List.of("\"${workspace_loc:/${ProjName}/Core/Inc}\""));
        for (String i : mcuIncludes(spec, dir)) {
            if (i.contains("ioLibrary") || i.contains("MQTT")) {
                inc.add(i);
            }
        }
        inc.add(new Locations(dir, spec.effectiveShimDir()).slashed() + "/include");
        return inc;
    }

    private List<String> hostLibraries() {
        List<String> libs = new ArrayList<>(List.of("netstep_shim"));
        if (spec.tls().library() == TlsLibrary.MBEDTLS) {
            libs.addAll(List.of("mbedtls", "mbedx509", "mbedcrypto"));
        } else {
            libs.add("wolfssl");
        }
        libs.add("pthread");
        return libs;
    }
}
