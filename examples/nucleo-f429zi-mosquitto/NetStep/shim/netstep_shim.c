/*
 * netstep_shim.c — client side of the NetStep bridge (docs/contracts.md, "The bridge").
 *
 * Firmware built for the host usually links WIZnet ioLibrary, which defines its own
 * socket(), connect(), send(), recv(), close(), setsockopt() ... with other signatures.
 * Those replace libc's for the whole process, so this file never calls them by name:
 * every socket operation goes through syscall(SYS_...).
 */
#define _GNU_SOURCE
#include "netstep_shim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

enum {
    MSG_HELLO = 0x01, MSG_FRAME = 0x02, MSG_MILLIS = 0x03, MSG_KEYLOG = 0x04, MSG_BYE = 0x05,
    MSG_HELLO_OK = 0x81, MSG_FRAME_OK = 0x82, MSG_MILLIS_OK = 0x83, MSG_ERROR = 0xFF,
};
enum { FRAME_START = 0x01, FRAME_END = 0x02 };  /* FRAME flags: SCSn low before / high after */
enum { HEADER = 8, FRAME_HEADER = HEADER + 4 };
#define PROTOCOL_VERSION 1
#define MAX_ANSWER (64u << 20)                    /* sanity limit for one message from the target */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int fd = -1;
static char where[300];                           /* the endpoint, for messages */
static pid_t owner;                               /* the process that attached (BYE only from it) */
static volatile int dead;                         /* set just before exit(70) */

/* The chip-select frame being built: wbuf[0..FRAME_HEADER) is room for the message header. */
static uint8_t *wbuf;
static size_t wlen, wcap;
static int selected;                              /* SCSn is low */
static int started;                               /* a FRAME with FRAME_START went out for it */
static unsigned pending;                          /* end-of-frame answers not read yet */
static int pipeline;                              /* send end-of-frame FRAMEs without waiting */
static int int_level;

/* Callers hold the lock; it is released so that atexit handlers may still call in. */
static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void die(const char *fmt, ...)
{
    va_list ap;
    fputs("netstep: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    dead = 1;
    if (fd >= 0)
        syscall(SYS_close, fd);
    fd = -1;
    pthread_mutex_unlock(&lock);
    exit(NETSTEP_EXIT_NO_TARGET);
}

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }
static uint32_t get32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

static void header(uint8_t *h, int type, int flags, uint32_t length)
{
    h[0] = (uint8_t)type;
    h[1] = (uint8_t)flags;
    h[2] = h[3] = 0;
    put32(h + 4, length);
}

static void send_all(const void *data, size_t len)
{
    const uint8_t *p = data;
    while (len > 0) {
        long n = syscall(SYS_sendto, fd, p, len, MSG_NOSIGNAL, NULL, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            die("NetStep target at %s went away: %s", where, strerror(errno));
        p += n;
        len -= (size_t)n;
    }
}

static void recv_all(void *data, size_t len)
{
    uint8_t *p = data;
    while (len > 0) {
        long n = syscall(SYS_recvfrom, fd, p, len, 0, NULL, NULL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            die("NetStep target at %s went away: %s", where, strerror(errno));
        if (n == 0)
            die("NetStep target at %s went away (connection closed)", where);
        p += n;
        len -= (size_t)n;
    }
}

static void send_message(int type, int flags, const void *payload, uint32_t len)
{
    uint8_t h[HEADER];
    header(h, type, flags, len);
    send_all(h, sizeof h);
    if (len > 0)
        send_all(payload, len);
}

/* Reads the next answer, which must be of type `expected`; ERROR ends the program. */
static uint32_t recv_answer(int expected, int *flags, void *payload, uint32_t max)
{
    uint8_t h[HEADER];
    recv_all(h, sizeof h);
    uint32_t len = get32(h + 4);
    if (h[0] == MSG_ERROR) {
        char msg[1024];
        uint32_t keep = len < sizeof msg - 1 ? len : (uint32_t)sizeof msg - 1;
        recv_all(msg, keep);
        msg[keep] = '\0';
        die("%s", msg);
    }
    if (h[0] != expected || len > max || len > MAX_ANSWER)
        die("protocol error from %s: got message 0x%02x of %u bytes, expected 0x%02x of at most %u",
            where, h[0], len, expected, max);
    if (flags)
        *flags = h[1];
    recv_all(payload, len);
    return len;
}

/* Reads the answers to end-of-frame FRAMEs that were sent without waiting. */
static void drain_pending(void)
{
    while (pending > 0) {
        int flags;
        recv_answer(MSG_FRAME_OK, &flags, NULL, 0);
        int_level = flags & 1;
        pending--;
    }
}

static int connect_endpoint(const char *ep, const char **reason)
{
    struct sockaddr_un un;
    struct sockaddr_in in;
    struct sockaddr *sa;
    socklen_t salen;
    int family;

    if (strncmp(ep, "tcp:", 4) == 0) {
        char host[64];
        const char *colon = strrchr(ep + 4, ':');
        size_t hl = colon ? (size_t)(colon - (ep + 4)) : 0;
        char *end;
        long port = colon ? strtol(colon + 1, &end, 10) : -1;
        if (!colon || hl == 0 || hl >= sizeof host || *end != '\0' || port <= 0 || port > 65535) {
            *reason = "expected tcp:127.0.0.1:PORT";
            return -1;
        }
        memcpy(host, ep + 4, hl);
        host[hl] = '\0';
        memset(&in, 0, sizeof in);
        in.sin_family = AF_INET;
        in.sin_port = htons((uint16_t)port);
        if (strcmp(host, "localhost") == 0)
            strcpy(host, "127.0.0.1");
        if (inet_pton(AF_INET, host, &in.sin_addr) != 1) {
            *reason = "not an IPv4 address";
            return -1;
        }
        family = AF_INET;
        sa = (struct sockaddr *)&in;
        salen = sizeof in;
    } else {
        const char *path = strncmp(ep, "unix:", 5) == 0 ? ep + 5 : ep;
        memset(&un, 0, sizeof un);
        un.sun_family = AF_UNIX;
        if (*path == '\0' || strlen(path) >= sizeof un.sun_path) {
            *reason = "bad Unix socket path";
            return -1;
        }
        strcpy(un.sun_path, path);
        family = AF_UNIX;
        sa = (struct sockaddr *)&un;
        salen = sizeof un;
    }
    int s = (int)syscall(SYS_socket, family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0) {
        *reason = strerror(errno);
        return -1;
    }
    long r;
    do
        r = syscall(SYS_connect, s, sa, salen);
    while (r < 0 && errno == EINTR);
    if (r < 0) {
        *reason = strerror(errno);
        syscall(SYS_close, s);
        return -1;
    }
    if (family == AF_INET) {                   /* small requests: no Nagle delay */
        int one = 1;
        syscall(SYS_setsockopt, s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    /* Over TCP a pipelined answer can sit in the server's Nagle buffer until our delayed
     * ACK (~40 ms per read frame) unless the server sets TCP_NODELAY: wait for each there. */
    pipeline = family == AF_UNIX;
    return s;
}

/* Like recv_all() but never dies: 0 when all came, -1 otherwise. */
static int recv_quietly(uint8_t *p, size_t len)
{
    while (len > 0) {
        long n = syscall(SYS_recvfrom, fd, p, len, 0, NULL, NULL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* At exit: collect the answers still owed (so the target sees an orderly end), then BYE. */
static void bye(void)
{
    if (dead || pthread_mutex_trylock(&lock) != 0)
        return;
    if (fd >= 0 && getpid() == owner) {
        uint8_t h[HEADER];
        for (; pending > 0; pending--) {        /* no die() here: we are inside exit() already */
            if (recv_quietly(h, sizeof h) != 0 || h[0] != MSG_FRAME_OK || get32(h + 4) != 0)
                break;
        }
        header(h, MSG_BYE, 0, 0);
        syscall(SYS_sendto, fd, h, sizeof h, MSG_NOSIGNAL, NULL, 0);
        syscall(SYS_close, fd);
        fd = -1;
    }
    pthread_mutex_unlock(&lock);
}

static void attach_locked(const char *endpoint)
{
    static int bye_registered;
    const char *reason = NULL;

    if (fd >= 0)
        return;
    if (endpoint == NULL)
        endpoint = getenv("NETSTEP_TARGET");
    if (endpoint == NULL || *endpoint == '\0')
        die("no NetStep target: NETSTEP_TARGET is not set (run the program with `netstep run -- <program>`)");
    snprintf(where, sizeof where, "%s", endpoint);
    fd = connect_endpoint(endpoint, &reason);
    if (fd < 0)
        die("no NetStep target at %s: %s", where, reason);

    const char *token = getenv("NETSTEP_TOKEN");
    const char *name = program_invocation_short_name;
    size_t tl = token ? strlen(token) : 0, nl = strlen(name);
    if (tl > 0xFFFF)
        die("NETSTEP_TOKEN is too long");
    uint8_t *hello = malloc(4 + tl + nl);
    if (!hello)
        die("out of memory");
    put16(hello, PROTOCOL_VERSION);
    put16(hello + 2, (uint32_t)tl);
    memcpy(hello + 4, token ? token : "", tl);
    memcpy(hello + 4 + tl, name, nl);
    send_message(MSG_HELLO, 0, hello, (uint32_t)(4 + tl + nl));
    free(hello);

    uint8_t version[2];
    if (recv_answer(MSG_HELLO_OK, NULL, version, sizeof version) != 2)
        die("protocol error from %s: short HELLO_OK", where);
    owner = getpid();
    if (!bye_registered) {
        bye_registered = 1;
        atexit(bye);
    }
}

int netstep_attach(const char *endpoint)
{
    if (dead)
        return -1;
    pthread_mutex_lock(&lock);
    attach_locked(endpoint);
    pthread_mutex_unlock(&lock);
    return 0;
}

static void lock_attached(void)
{
    pthread_mutex_lock(&lock);
    attach_locked(NULL);
}

static void reserve(size_t more)
{
    size_t need = FRAME_HEADER + wlen + more;
    if (need <= wcap)
        return;
    size_t cap = wcap ? wcap : 256;
    while (cap < need)
        cap *= 2;
    uint8_t *p = realloc(wbuf, cap);
    if (!p)
        die("out of memory");
    wbuf = p;
    wcap = cap;
}

/*
 * Sends the buffered MOSI bytes as one FRAME that clocks n more bytes into miso.
 * On a Unix socket an end-of-frame FRAME that reads nothing is not waited for: its answer
 * is read before the next one (the target answers in order), so a read frame costs one
 * round trip.
 */
static void frame(int end, uint8_t *miso, uint32_t n)
{
    int flags = (selected && !started ? FRAME_START : 0) | (end ? FRAME_END : 0);
    reserve(0);
    header(wbuf, MSG_FRAME, flags, (uint32_t)(4 + wlen));
    put32(wbuf + HEADER, n);
    send_all(wbuf, FRAME_HEADER + wlen);
    wlen = 0;
    started = selected;
    if (end && n == 0 && pipeline) {
        pending++;
        return;
    }
    drain_pending();
    int answer_flags;
    if (recv_answer(MSG_FRAME_OK, &answer_flags, miso, n) != n)
        die("protocol error from %s: FRAME_OK shorter than the %u bytes read", where, n);
    int_level = answer_flags & 1;
}

void netstep_cs_select(void)
{
    if (dead)
        return;
    lock_attached();
    if (selected || wlen > 0)                     /* a frame that was never closed: close it */
        frame(1, NULL, 0);
    selected = 1;
    started = 0;
    pthread_mutex_unlock(&lock);
}

void netstep_cs_deselect(void)
{
    if (dead)
        return;
    lock_attached();
    if (selected || wlen > 0)                     /* even with nothing buffered: SCSn high ends the frame */
        frame(1, NULL, 0);
    selected = 0;
    started = 0;
    pthread_mutex_unlock(&lock);
}

void netstep_spi_writeburst(uint8_t *buf, uint16_t len)
{
    if (dead)
        return;
    pthread_mutex_lock(&lock);
    reserve(len);
    memcpy(wbuf + FRAME_HEADER + wlen, buf, len);
    wlen += len;
    pthread_mutex_unlock(&lock);
}

void netstep_spi_writebyte(uint8_t wb)
{
    netstep_spi_writeburst(&wb, 1);
}

void netstep_spi_readburst(uint8_t *buf, uint16_t len)
{
    if (dead || len == 0)
        return;
    lock_attached();
    frame(0, buf, len);
    pthread_mutex_unlock(&lock);
}

uint8_t netstep_spi_readbyte(void)
{
    uint8_t b = 0;
    netstep_spi_readburst(&b, 1);
    return b;
}

uint32_t netstep_millis(void)
{
    if (dead)
        return 0;
    lock_attached();
    send_message(MSG_MILLIS, 0, NULL, 0);
    drain_pending();
    uint8_t t[8];
    if (recv_answer(MSG_MILLIS_OK, NULL, t, sizeof t) != sizeof t)
        die("protocol error from %s: short MILLIS_OK", where);
    uint64_t ns = get32(t) | (uint64_t)get32(t + 4) << 32;
    pthread_mutex_unlock(&lock);
    return (uint32_t)(ns / 1000000u);
}

void netstep_keylog(const char *line)
{
    if (dead || line == NULL)
        return;
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    lock_attached();
    send_message(MSG_KEYLOG, 0, line, (uint32_t)len);
    pthread_mutex_unlock(&lock);
}

int netstep_int_asserted(void)
{
    if (dead)
        return 0;
    lock_attached();
    drain_pending();
    int level = int_level;
    pthread_mutex_unlock(&lock);
    return level;
}
