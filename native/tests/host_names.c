/*
 * With NETSTEP_HOST the driver's socket API is wiz_socket, wiz_close, ...: linking the driver
 * must leave libc's close() in charge of file descriptors. (Without it, socket.o would bring
 * its own close() and this program's close(fd) would go to the W5500 driver.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int8_t wiz_close(uint8_t sn);           /* what socket.h maps close() to in a host build */

int main(void)
{
    int8_t (*volatile driver_close)(uint8_t) = wiz_close;   /* links socket.o in */
    int fds[2];
    if (pipe(fds) != 0)
        return 2;
    if (close(fds[0]) != 0 || fcntl(fds[0], F_GETFD) != -1 || errno != EBADF) {
        fprintf(stderr, "close() did not close the file descriptor: libc's close() was replaced\n");
        return 1;
    }
    printf("libc close() intact; driver close at %p\n", (void *)(uintptr_t)driver_close);
    return 0;
}
