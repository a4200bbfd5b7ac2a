/*
 * net_posix.c — network glue on plain POSIX sockets (the benchmark baseline).
 * Same contract as net_w5500.c; no chip, no shim. Key log lines go to the file named
 * by SSLKEYLOGFILE (the usual convention), if set.
 */
#define _POSIX_C_SOURCE 200809L
#include "netif.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int fd = -1;
static char last_error[160];

const char *net_name(void) { return "posix"; }
const char *net_last_error(void) { return last_error; }

int net_up(const app_config *cfg)
{
    (void)cfg;
    return 0;
}

int net_resolve(const app_config *cfg, const char *host, uint8_t ip[4])
{
    struct addrinfo hints, *res = NULL;
    int rc;
    (void)cfg;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, NULL, &hints, &res);
    if (rc != 0 || res == NULL) {
        app_fail("dns", "%s: %s", host, gai_strerror(rc));
        return -1;
    }
    memcpy(ip, &((struct sockaddr_in *)res->ai_addr)->sin_addr, 4);
    freeaddrinfo(res);
    return 0;
}

int net_connect(const app_config *cfg, const uint8_t ip[4], uint16_t port)
{
    struct sockaddr_in sa;
    int one = 1;
    (void)cfg;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    memcpy(&sa.sin_addr, ip, 4);

    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        app_fail("connect", "socket(): %s", strerror(errno));
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        app_fail("connect", "%u.%u.%u.%u:%u: %s", ip[0], ip[1], ip[2], ip[3], port, strerror(errno));
        close(fd);
        fd = -1;
        return -1;
    }
    /* Small records go out at once, like the W5500 sends on every SEND command. */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return 0;
}

int net_recv(uint8_t *buf, int len)
{
    ssize_t n = recv(fd, buf, (size_t)len, 0);
    if (n > 0)
        return (int)n;
    if (n == 0) {
        snprintf(last_error, sizeof(last_error), "connection closed by the broker");
        return NET_CLOSED;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        return NET_AGAIN;
    snprintf(last_error, sizeof(last_error), "recv(): %s", strerror(errno));
    return NET_ERROR;
}

int net_send(const uint8_t *buf, int len)
{
    ssize_t n = send(fd, buf, (size_t)len, MSG_NOSIGNAL);
    if (n >= 0)
        return n > 0 ? (int)n : NET_AGAIN;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        return NET_AGAIN;
    snprintf(last_error, sizeof(last_error), "send(): %s", strerror(errno));
    return errno == EPIPE || errno == ECONNRESET ? NET_CLOSED : NET_ERROR;
}

int net_rx_waiting(void)
{
    int n = 0;
    if (fd < 0 || ioctl(fd, FIONREAD, &n) != 0)
        return 0;
    return n;
}

void net_wait(int for_write, int max_ms)
{
    struct pollfd p;
    if (fd < 0 || max_ms <= 0)
        return;
    p.fd = fd;
    p.events = for_write ? POLLOUT : POLLIN;
    p.revents = 0;
    /* Bounded so a caller's own gate (e.g. --bug-f1) is re-evaluated now and then. */
    poll(&p, 1, max_ms < 50 ? max_ms : 50);
}

void net_close(void)
{
    if (fd >= 0)
        close(fd);
    fd = -1;
}

void net_keylog(const char *line)
{
    const char *path = getenv("SSLKEYLOGFILE");
    FILE *f;
    if (path == NULL || *path == '\0')
        return;
    f = fopen(path, "a");
    if (f == NULL)
        return;
    fprintf(f, "%s\n", line);
    fclose(f);
}
