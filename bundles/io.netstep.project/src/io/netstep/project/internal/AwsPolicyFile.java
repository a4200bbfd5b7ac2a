package io.netstep.project.internal;

import io.netstep.project.ProjectSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code NetStep/aws-iot-policy.json} (AWS IoT profile): the IoT policy the device needs and no more:
 * connect as its client ID, publish / receive / subscribe on its topics. Attach it to the thing's
 * certificate in AWS; NetStep's AWS IoT emulator enforces the same document (AWS IoT closes the
 * connection without a reason when the policy forbids a topic: failure F11).
 */
public final class AwsPolicyFile {

    public static final String PATH = "NetStep/aws-iot-policy.json";
    private static final Pattern ENDPOINT = Pattern.compile("[a-z0-9]+(-ats)?\\.iot\\.([a-z0-9-]+)\\.amazonaws\\.com");

    private AwsPolicyFile() { }

    /** The region in the endpoint name ({@code eu-west-1}), else {@code *}. */
    static String region(String endpoint) {
        Matcher m = ENDPOINT.matcher(endpoint == null ? "" : endpoint);
        return m.matches() ? m.group(2) : "*";
    }

    public static String write(ProjectSpec spec) {
        String arn = "arn:aws:iot:" + region(spec.broker().host()) + ":*:";
        List<String> topics = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        for (String t : spec.mqtt().topics()) {
            topics.add("\"" + arn + "topic/" + t + "\"");
            filters.add("\"" + arn + "topicfilter/" + t + "\"");
        }
        return "{\n"
                + "  \"Version\": \"2012-10-17\",\n"
                + "  \"Statement\": [\n"
                + "    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"iot:Connect\",\n"
                + "      \"Resource\": \"" + arn + "client/" + spec.mqtt().clientId() + "\"\n    },\n"
                + "    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\"iot:Publish\", \"iot:Receive\"],\n"
                + "      \"Resource\": [" + String.join(", ", topics) + "]\n    },\n"
                + "    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"iot:Subscribe\",\n"
                + "      \"Resource\": [" + String.join(", ", filters) + "]\n    }\n"
                + "  ]\n}\n";
    }
}
