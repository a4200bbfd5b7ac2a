package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles generated glue for the board: arm-none-eabi-gcc for Cortex-M4 hard float
 * (fpv4-sp-d16), against what the test supplies for the APIs the glue calls:
 * <ul>
 * <li>the HAL: a small {@code stm32f4xx_hal.h} with the declarations the glue uses, and a
 * {@code main.h} with the pin labels CubeMX generates from the .ioc (W5500_CS_Pin …);</li>
 * <li>ioLibrary: the reference driver's headers (native/firmware/wiznet/include), as a target
 * build sees them (no NETSTEP_HOST), and the paho-style MQTT client's headers;</li>
 * <li>mbedTLS: Debian's /usr/include/mbedtls headers (2.28) through a directory of its own (so
 * no glibc header leaks in), with an MCU-style {@code mbedtls_config.h} (no sockets, no files,
 * hardware entropy) as {@code MBEDTLS_CONFIG_FILE}, as STM32CubeMX's middleware sets it;</li>
 * <li>wolfSSL: Debian's /usr/include/wolfssl headers with a {@code user_settings.h}
 * (WOLFSSL_USER_SETTINGS, no file system, user I/O).</li>
 * </ul>
 * newlib supplies the C library headers.
 */
final class ArmToolchain {

    static final String GCC = "arm-none-eabi-gcc";
    static final List<String> CPU = List.of("-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16");

    private ArmToolchain() { }

    static void assumeInstalled() {
        assumeTrue(Checkout.onPath(GCC), "arm-none-eabi-gcc is not installed (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi)");
        assumeTrue(Files.isDirectory(Path.of("/usr/include/mbedtls")), "libmbedtls-dev is not installed");
    }

    /** Writes the stand-in headers into {@code dir}; {@code mbedtlsInContentLen} is the library's record buffer. */
    static void writeStubs(Path dir, int mbedtlsInContentLen) throws IOException {
        Files.createDirectories(dir.resolve("mbedinc"));
        Files.createDirectories(dir.resolve("wolfinc"));
        if (!Files.exists(dir.resolve("mbedinc/mbedtls"))) {
            Files.createSymbolicLink(dir.resolve("mbedinc/mbedtls"), Path.of("/usr/include/mbedtls"));
        }
        if (Files.isDirectory(Path.of("/usr/include/wolfssl")) && !Files.exists(dir.resolve("wolfinc/wolfssl"))) {
            Files.createSymbolicLink(dir.resolve("wolfinc/wolfssl"), Path.of("/usr/include/wolfssl"));
        }
        Files.writeString(dir.resolve("stm32f4xx_hal.h"), """
                /* Test stand-in for the STM32F4 HAL: the declarations the generated glue calls. */
                #ifndef STM32F4XX_HAL_H
                #define STM32F4XX_HAL_H
                #include <stdint.h>
                typedef enum { HAL_OK = 0, HAL_ERROR = 1, HAL_BUSY = 2, HAL_TIMEOUT = 3 } HAL_StatusTypeDef;
                typedef enum { GPIO_PIN_RESET = 0, GPIO_PIN_SET } GPIO_PinState;
                typedef struct { volatile uint32_t MODER, OTYPER, OSPEEDR, PUPDR, IDR, ODR, BSRR, LCKR, AFR[2]; } GPIO_TypeDef;
                typedef struct { volatile uint32_t CR1, CR2, SR, DR; } SPI_TypeDef;
                typedef struct { SPI_TypeDef *Instance; uint32_t State; } SPI_HandleTypeDef;
                typedef struct { void *Instance; uint32_t State; } RNG_HandleTypeDef;
                #define GPIOA ((GPIO_TypeDef *)0x40020000UL)
                #define GPIOB ((GPIO_TypeDef *)0x40020400UL)
                #define GPIOC ((GPIO_TypeDef *)0x40020800UL)
                #define GPIOD ((GPIO_TypeDef *)0x40020C00UL)
                #define GPIOE ((GPIO_TypeDef *)0x40021000UL)
                #define GPIOF ((GPIO_TypeDef *)0x40021400UL)
                #define GPIOG ((GPIO_TypeDef *)0x40021800UL)
                #define GPIO_PIN_0  ((uint16_t)0x0001)
                #define GPIO_PIN_1  ((uint16_t)0x0002)
                #define GPIO_PIN_2  ((uint16_t)0x0004)
                #define GPIO_PIN_3  ((uint16_t)0x0008)
                #define GPIO_PIN_4  ((uint16_t)0x0010)
                #define GPIO_PIN_5  ((uint16_t)0x0020)
                #define GPIO_PIN_6  ((uint16_t)0x0040)
                #define GPIO_PIN_7  ((uint16_t)0x0080)
                #define GPIO_PIN_8  ((uint16_t)0x0100)
                #define GPIO_PIN_9  ((uint16_t)0x0200)
                #define GPIO_PIN_10 ((uint16_t)0x0400)
                #define GPIO_PIN_11 ((uint16_t)0x0800)
                #define GPIO_PIN_12 ((uint16_t)0x1000)
                #define GPIO_PIN_13 ((uint16_t)0x2000)
                #define GPIO_PIN_14 ((uint16_t)0x4000)
                #define GPIO_PIN_15 ((uint16_t)0x8000)
                #define HAL_MAX_DELAY 0xFFFFFFFFU
                uint32_t HAL_GetTick(void);
                void HAL_Delay(uint32_t Delay);
                void HAL_GPIO_WritePin(GPIO_TypeDef *GPIOx, uint16_t GPIO_Pin, GPIO_PinState PinState);
                GPIO_PinState HAL_GPIO_ReadPin(GPIO_TypeDef *GPIOx, uint16_t GPIO_Pin);
                HAL_StatusTypeDef HAL_SPI_TransmitReceive(SPI_HandleTypeDef *hspi, uint8_t *pTxData, uint8_t *pRxData,
                                                          uint16_t Size, uint32_t Timeout);
                HAL_StatusTypeDef HAL_RNG_GenerateRandomNumber(RNG_HandleTypeDef *hrng, uint32_t *random32bit);
                #endif
                """);
        Files.writeString(dir.resolve("mbedtls_config.h"), """
                /* Test stand-in for the MCU's mbedTLS configuration (TLS 1.2 client, ECDHE, AES-GCM). */
                #ifndef NETSTEP_TEST_MBEDTLS_CONFIG_H
                #define NETSTEP_TEST_MBEDTLS_CONFIG_H
                #define MBEDTLS_NO_PLATFORM_ENTROPY
                #define MBEDTLS_ENTROPY_HARDWARE_ALT
                #define MBEDTLS_AES_C
                #define MBEDTLS_ASN1_PARSE_C
                #define MBEDTLS_ASN1_WRITE_C
                #define MBEDTLS_BASE64_C
                #define MBEDTLS_BIGNUM_C
                #define MBEDTLS_CIPHER_C
                #define MBEDTLS_CTR_DRBG_C
                #define MBEDTLS_ECDH_C
                #define MBEDTLS_ECDSA_C
                #define MBEDTLS_ECP_C
                #define MBEDTLS_ECP_DP_SECP256R1_ENABLED
                #define MBEDTLS_ENTROPY_C
                #define MBEDTLS_GCM_C
                #define MBEDTLS_MD_C
                #define MBEDTLS_OID_C
                #define MBEDTLS_PEM_PARSE_C
                #define MBEDTLS_PK_C
                #define MBEDTLS_PK_PARSE_C
                #define MBEDTLS_RSA_C
                #define MBEDTLS_PKCS1_V15
                #define MBEDTLS_SHA256_C
                #define MBEDTLS_SHA512_C
                #define MBEDTLS_SSL_CLI_C
                #define MBEDTLS_SSL_TLS_C
                #define MBEDTLS_SSL_PROTO_TLS1_2
                #define MBEDTLS_SSL_SERVER_NAME_INDICATION
                #define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
                #define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
                #define MBEDTLS_X509_USE_C
                #define MBEDTLS_X509_CRT_PARSE_C
                #define MBEDTLS_SSL_MAX_CONTENT_LEN %d
                #include "mbedtls/check_config.h"
                #endif
                """.formatted(mbedtlsInContentLen));
        Files.writeString(dir.resolve("user_settings.h"), """
                /* Test stand-in for the MCU's wolfSSL user_settings.h. */
                #ifndef NETSTEP_TEST_USER_SETTINGS_H
                #define NETSTEP_TEST_USER_SETTINGS_H
                #define WOLFSSL_USER_IO
                #define NO_FILESYSTEM
                #define NO_WRITEV
                #define SINGLE_THREADED
                #define WOLFSSL_NO_SOCK
                #define HAVE_SNI
                #define HAVE_TLS_EXTENSIONS
                #define HAVE_SUPPORTED_CURVES
                #define HAVE_ECC
                #define HAVE_AESGCM
                #define WOLFSSL_TLS13
                #define HAVE_HKDF
                #define WC_RSA_PSS
                #define WOLFSSL_SHA384
                #define WOLFSSL_SHA512
                #define NO_DEV_RANDOM
                #define HAVE_HASHDRBG
                #define TFM_TIMING_RESISTANT
                #define ECC_TIMING_RESISTANT
                #define WC_RSA_BLINDING
                #endif
                """);
    }

    /**
     * The MQTT client API as WIZnet's ioLibrary ships it (Internet/MQTT: an older paho copy):
     * declarations written from its public header — SUCCESSS spelled with three S, no
     * MQTTIsConnected, a Network with my_socket and disconnect, Timer from mqtt_interface.h.
     * The packet types come from the reference client's MQTTPacket.h (same paho names).
     */
    static Path writeIoLibraryMqttHeaders(Path dir) throws IOException {
        Path d = dir.resolve("iolib-mqtt");
        Files.createDirectories(d);
        Files.writeString(d.resolve("mqtt_interface.h"), """
                #ifndef TEST_MQTT_INTERFACE_H
                #define TEST_MQTT_INTERFACE_H
                void MilliTimer_Handler(void);
                typedef struct Timer Timer;
                struct Timer { unsigned long systick_period; unsigned long end_time; };
                typedef struct Network Network;
                struct Network {
                    int my_socket;
                    int (*mqttread)(Network *, unsigned char *, int, int);
                    int (*mqttwrite)(Network *, unsigned char *, int, int);
                    void (*disconnect)(Network *);
                };
                void TimerInit(Timer *);
                char TimerIsExpired(Timer *);
                void TimerCountdownMS(Timer *, unsigned int);
                void TimerCountdown(Timer *, unsigned int);
                int TimerLeftMS(Timer *);
                #endif
                """);
        Files.writeString(d.resolve("MQTTClient.h"), """
                #ifndef TEST_IOLIBRARY_MQTTCLIENT_H
                #define TEST_IOLIBRARY_MQTTCLIENT_H
                #include <stdio.h>
                #include "MQTTPacket.h"
                #include "mqtt_interface.h"
                #define MAX_MESSAGE_HANDLERS 5
                enum QoS { QOS0, QOS1, QOS2 };
                enum returnCode { BUFFER_OVERFLOW = -2, FAILURE = -1, SUCCESSS = 0 };
                typedef struct MQTTMessage {
                    enum QoS qos; unsigned char retained; unsigned char dup; unsigned short id;
                    void *payload; size_t payloadlen;
                } MQTTMessage;
                typedef struct MessageData { MQTTMessage *message; MQTTString *topicName; } MessageData;
                typedef void (*messageHandler)(MessageData *);
                typedef struct MQTTClient {
                    unsigned int next_packetid, command_timeout_ms;
                    size_t buf_size, readbuf_size;
                    unsigned char *buf, *readbuf;
                    unsigned int keepAliveInterval;
                    char ping_outstanding;
                    int isconnected;
                    struct MessageHandlers { const char *topicFilter; void (*fp)(MessageData *); } messageHandlers[MAX_MESSAGE_HANDLERS];
                    void (*defaultMessageHandler)(MessageData *);
                    Network *ipstack;
                    Timer ping_timer;
                } MQTTClient;
                void MQTTClientInit(MQTTClient *, Network *, unsigned int, unsigned char *, size_t, unsigned char *, size_t);
                int MQTTConnect(MQTTClient *, MQTTPacket_connectData *);
                int MQTTPublish(MQTTClient *, const char *, MQTTMessage *);
                int MQTTSubscribe(MQTTClient *, const char *, enum QoS, messageHandler);
                int MQTTUnsubscribe(MQTTClient *, const char *);
                int MQTTDisconnect(MQTTClient *);
                int MQTTYield(MQTTClient *, int);
                #endif
                """);
        return d;
    }

    /** main.h as CubeMX writes it for the spec's labelled pins. */
    static void writeMainH(Path dir, W5500Pins pins) throws IOException {
        StringBuilder b = new StringBuilder("/* Test stand-in for CubeMX's main.h: the .ioc's W5500 pin labels. */\n")
                .append("#ifndef MAIN_H\n#define MAIN_H\n#include \"stm32f4xx_hal.h\"\n");
        for (String[] p : new String[][] {{"W5500_CS", pins.chipSelect()}, {"W5500_RESET", pins.reset()},
                {"W5500_INT", pins.interrupt()}}) {
            b.append("#define ").append(p[0]).append("_Pin GPIO_PIN_").append(W5500Pins.number(p[1])).append('\n');
            b.append("#define ").append(p[0]).append("_GPIO_Port ").append(W5500Pins.port(p[1])).append('\n');
        }
        Files.writeString(dir.resolve("main.h"), b.append("#endif\n").toString());
    }

    /** The compiler command for one glue source, with -Werror: a warning is a failure. */
    static List<String> command(Path project, Path stubs, Path source, Path object, TlsLibrary tls) {
        List<String> c = new ArrayList<>(List.of(GCC));
        c.addAll(CPU);
        c.addAll(List.of("-std=gnu11", "-Os", "-Wall", "-Wextra", "-Werror", "-c", "-DUSE_HAL_DRIVER", "-DSTM32F429xx",
                "-D_WIZCHIP_=W5500", "-I" + project.resolve("Core/Inc"), "-I" + stubs,
                "-I" + Checkout.wiznet().resolve("include"), "-I" + Checkout.mqtt()));
        if (tls == TlsLibrary.MBEDTLS) {
            c.addAll(List.of("-DMBEDTLS_CONFIG_FILE=\"mbedtls_config.h\"", "-I" + stubs.resolve("mbedinc")));
        } else {
            c.addAll(List.of("-DWOLFSSL_USER_SETTINGS", "-I" + stubs.resolve("wolfinc")));
        }
        c.addAll(List.of("-o", object.toString(), source.toString()));
        return c;
    }

    /** Compiles every Core/Src/*.c of the project; returns the objects. Fails the test on any error or warning. */
    static List<Path> compileGlue(Path project, Path stubs, TlsLibrary tls) throws IOException, InterruptedException {
        List<Path> objects = new ArrayList<>();
        try (var files = Files.list(project.resolve("Core/Src"))) {
            for (Path src : files.filter(f -> f.toString().endsWith(".c")).sorted().toList()) {
                Path obj = stubs.resolve(src.getFileName().toString().replace(".c", ".o"));
                Checkout.Result r = Checkout.run(project, command(project, stubs, src, obj, tls), 120);
                assertEquals(0, r.status(), src.getFileName() + " does not compile for Cortex-M4:\n" + r.output());
                objects.add(obj);
            }
        }
        return objects;
    }
}
