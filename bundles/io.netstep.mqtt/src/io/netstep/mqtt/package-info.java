/**
 * MQTT 3.1.1 and 5.0 decoder for the bytes of one connection, field by field, with the rules
 * of the OASIS specifications checked as a receiver can check them.
 * <p>
 * Entry points: {@link io.netstep.mqtt.MqttConnection} (the shared context of a connection)
 * hands out one {@link io.netstep.mqtt.MqttStreamDecoder} per {@link io.netstep.mqtt.Direction};
 * they produce {@link io.netstep.mqtt.MqttPacket}s with {@link io.netstep.mqtt.MqttField} trees
 * and {@link io.netstep.mqtt.MqttViolation}s. JDK only.
 *
 * <h2>Choices where the specifications leave room</h2>
 * <ul>
 * <li>Rule ids: the normative statement id of the version in use where one exists
 *     ({@code MQTT-3.3.1-4}), else the section that states the rule ({@code 3.2.1}). The 3.1.1
 *     id {@code MQTT-3-8.3-4} is kept with the spec's own spelling.</li>
 * <li>Protocol level 3 (MQTT 3.1, "MQIsdp") decodes and is checked like 3.1.1. An unknown level
 *     is reported and decoded as 3.1.1. Server packets that arrive before any CONNECT decode as 3.1.1.</li>
 * <li>A connection created with a protocol level joins an established connection: the rules
 *     that need its start (first packet, acknowledgements of earlier flows, limits announced in
 *     CONNECT/CONNACK) are not checked. After a CONNACK with Session Present 1, acknowledgements
 *     of unknown Packet Identifiers are not reported (they may finish flows of the resumed session).</li>
 * <li>Framing is lost only when the Remaining Length has a fifth byte or the stream has a gap;
 *     a packet type 0 (or 15 before 5.0) is reported and skipped by its Remaining Length.</li>
 * <li>A field that runs past the Remaining Length ends the packet's decoding (reported once, the
 *     fields before it are kept); the next packet starts where the Remaining Length says.</li>
 * <li>An unknown MQTT 5 property identifier ends the property list: its value's length is unknown.</li>
 * <li>Password and Authentication Data are sensitive: {@code toString()} and text output mask them.</li>
 * </ul>
 */
package io.netstep.mqtt;
