/**
 * Cloud profiles of the virtual network: emulated cloud MQTT endpoints that behave like the
 * real service where embedded devices trip over it. {@link io.netstep.cloud.CloudProfile} is the
 * entry point ({@code --cloud aws-iot[:THING]}); {@link io.netstep.cloud.AwsIotEmulator} is AWS
 * IoT Core's MQTT endpoint (SNI, mutual TLS, policy, keepalive, QoS, client ID rules) in front
 * of the embedded broker; every decision is a {@link io.netstep.cloud.CloudEvent}.
 */
package io.netstep.cloud;
