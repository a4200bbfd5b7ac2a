package io.netstep.project.internal;

import io.netstep.project.BrokerProfile;
import io.netstep.project.ProjectSpec;

/**
 * {@code <name> (NetStep virtual W5500).launch}: runs the Host build on NetStep's virtual W5500
 * (launch type {@code io.netstep.debug.launchType}; attribute names from
 * {@code io.netstep.debug.launch.LaunchAttributes}, kept as strings here: the generator must not
 * need the Eclipse debug bundles).
 */
public final class LaunchFile {

    public static final String TYPE = "io.netstep.debug.launchType";
    private static final String P = "io.netstep.debug.";

    private LaunchFile() { }

    public static String fileName(ProjectSpec spec) {
        return spec.name() + " (NetStep virtual W5500).launch";
    }

    /** Where unmapped destinations go: NetStep's embedded broker, or the broker itself. */
    public static String broker(ProjectSpec spec) {
        return spec.broker().profile() == BrokerProfile.EMBEDDED ? "embedded"
                : spec.broker().host() + ":" + spec.broker().port();
    }

    public static String write(ProjectSpec spec) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        b.append("<launchConfiguration type=\"").append(TYPE).append("\">\n");
        str(b, P + "firmware", "${workspace_loc:/" + spec.name() + "/Host/" + spec.name() + "}");
        str(b, P + "arguments", "");
        str(b, P + "workingDirectory", "${workspace_loc:/" + spec.name() + "}");
        str(b, P + "broker", broker(spec));
        b.append("    <listAttribute key=\"").append(P).append("nameMap\"/>\n");
        b.append("    <listAttribute key=\"").append(P).append("faults\"/>\n");
        boolean aws = spec.broker().profile() == BrokerProfile.AWS_IOT;
        // AWS IoT: NetStep's emulator with the project's own policy; the host build then takes the
        // emulator's endpoint and device files from NETSTEP_CLOUD_* instead of the arrays
        str(b, P + "cloudProfile", aws ? "aws-iot:" + spec.broker().thingName() : "");
        str(b, P + "cloudPolicy", aws ? "${workspace_loc:/" + spec.name() + "/" + AwsPolicyFile.PATH + "}" : "");
        str(b, P + "recordFile", "");
        b.append("    <booleanAttribute key=\"").append(P).append("stopAtFirstSpiFrame\" value=\"false\"/>\n");
        b.append("    <listAttribute key=\"org.eclipse.debug.ui.favoriteGroups\">\n");
        b.append("        <listEntry value=\"org.eclipse.debug.ui.launchGroup.debug\"/>\n");
        b.append("        <listEntry value=\"org.eclipse.debug.ui.launchGroup.run\"/>\n");
        b.append("    </listAttribute>\n");
        b.append("</launchConfiguration>\n");
        return b.toString();
    }

    private static void str(StringBuilder b, String key, String value) {
        b.append("    <stringAttribute key=\"").append(key).append("\" value=\"").append(Xml.attr(value)).append("\"/>\n");
    }
}
