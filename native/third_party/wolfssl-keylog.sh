#!/usr/bin/env bash
# Builds Debian's own wolfSSL source package (the version of the installed libwolfssl-dev,
# with Debian's patches and configure options) once more with -DHAVE_SECRET_CALLBACK, so that
# wolfSSL_CTX_set_keylog_callback exists and the reference firmware can hand its TLS 1.3
# secrets to NetStep's key log. Debian's libwolfssl is built without it.
#
# Installs headers + libwolfssl.a into native/build/wolfssl-keylog (NETSTEP_WOLFSSL_PREFIX
# overrides); native/firmware/CMakeLists.txt links the wolfSSL firmware against it when it
# is there. Cached: does nothing when the prefix already holds a build of the same source
# version and recipe. Prints one line; the full log is <prefix>/build.log.
#
#   wolfssl-keylog.sh                 build (or confirm the cached build)
#   wolfssl-keylog.sh --add-deb-src   only add the deb-src entries `apt-get source` needs
#                                     (root; run `apt-get update` afterwards)
#
# Needs: apt-get, dpkg-dev (dpkg-source, dpkg-buildflags), autoconf, automake, libtool,
# make, gcc, and a deb-src entry for Debian's archive; when it runs as root and the entry
# is missing it adds one (/etc/apt/sources.list.d/netstep-src.sources) and updates apt.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PREFIX="${NETSTEP_WOLFSSL_PREFIX:-$ROOT/native/build/wolfssl-keylog}"
SRC_LIST=/etc/apt/sources.list.d/netstep-src.sources
# What Debian's debian/rules passes to configure (override_dh_auto_configure), plus the
# secret callback. --enable-distro turns on --enable-all (TLS 1.2 + 1.3, OPENSSL_EXTRA, …)
# and builds the static library beside the shared one.
CONFIGURE_FLAGS=(--enable-distro --enable-pkcs11 --disable-examples --disable-silent-rules)
EXTRA_CFLAGS="-DHAVE_SECRET_CALLBACK"
RECIPE_REV=1   # bump when this recipe changes: the cached build is redone

say() { echo "wolfssl-keylog: $*"; }
fail() { say "$*"; exit 1; }

# deb-src twins of the distribution's deb822 entries (same URIs, suites, components and
# keyring), else Debian's archive for this Debian release. Written whole, then moved in place.
add_deb_src() {
    [[ $(id -u) == 0 ]] || fail "adding $SRC_LIST needs root"
    local f codename
    for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/ubuntu.sources; do
        if [[ -f "$f" ]] && grep -Eq '^Types:.*\<deb\>' "$f"; then
            { echo "# deb-src twins of $f for apt-get source (native/third_party/wolfssl-keylog.sh)"
              sed -E 's/^Types:.*/Types: deb-src/' "$f"; } > "$SRC_LIST.tmp"
            mv "$SRC_LIST.tmp" "$SRC_LIST"
            return
        fi
    done
    [[ "$(. /etc/os-release && echo "$ID")" == debian ]] \
        || fail "no deb822 sources to derive deb-src entries from: add deb-src entries for this system by hand"
    codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
    cat > "$SRC_LIST.tmp" <<EOF
# Debian source packages for apt-get source (native/third_party/wolfssl-keylog.sh)
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: $codename-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    mv "$SRC_LIST.tmp" "$SRC_LIST"
}

# All in one function: bash reads the whole file before running any of it.
main() {
    if [[ "${1:-}" == --add-deb-src ]]; then
        if grep -qsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
            /etc/apt/sources.list.d/*.sources; then
            return   # some deb-src entry exists already
        fi
        if [[ $(id -u) != 0 ]]; then
            say "not root: no deb-src entries added (the build will need them)"
            return
        fi
        add_deb_src
        say "added $SRC_LIST (apt-get update fetches the source indexes)"
        return
    fi

    # The source version: the installed libwolfssl-dev's, else what apt would install.
    version="$(dpkg-query -W -f='${source:Version}' libwolfssl-dev 2>/dev/null || true)"
    if [[ -z "$version" ]]; then
        version="$(apt-cache policy libwolfssl-dev 2>/dev/null | awk '/Candidate:/ { print $2 }')"
        [[ -n "$version" && "$version" != "(none)" ]] || fail "libwolfssl-dev is neither installed nor known to apt"
    fi
    stamp="wolfssl $version recipe $RECIPE_REV: ${CONFIGURE_FLAGS[*]} CFLAGS+=$EXTRA_CFLAGS"
    rel="${PREFIX#"$ROOT"/}"

    mkdir -p "$PREFIX"
    exec 9> "$PREFIX/.lock"
    flock 9   # test.sh and `netstep demo` may run this at the same time

    if [[ -f "$PREFIX/lib/libwolfssl.a" && "$(cat "$PREFIX/netstep-stamp" 2>/dev/null)" == "$stamp" ]] \
        && grep -q '^#define HAVE_SECRET_CALLBACK' "$PREFIX/include/wolfssl/options.h" 2>/dev/null; then
        say "up to date: wolfssl $version with HAVE_SECRET_CALLBACK in $rel"
        return
    fi

    for tool in apt-get dpkg-source dpkg-buildflags autoreconf libtoolize automake make cc; do
        command -v "$tool" > /dev/null \
            || fail "$tool is missing (apt-get install dpkg-dev autoconf automake libtool make gcc)"
    done

    start=$(date +%s)
    log="$PREFIX/build.log"
    work="$PREFIX/work"
    rm -rf "$work"
    mkdir -p "$work"
    : > "$log"
    step() { echo "== $*" >> "$log"; }
    trap 'say "failed (wolfssl $version); log: $log"; tail -n 15 "$log" >&2' ERR

    dsc="wolfssl_${version#*:}.dsc"
    if [[ ! -f "$PREFIX/download/$dsc" ]]; then
        if ! apt-cache showsrc wolfssl 2>/dev/null | grep -x "Version: $version" > /dev/null; then
            if [[ $(id -u) == 0 ]]; then
                step "no deb-src entry for wolfssl $version: adding one and updating apt"
                [[ -f "$SRC_LIST" ]] || add_deb_src
                apt-get update -q -o DPkg::Lock::Timeout=300 >> "$log" 2>&1
            fi
            apt-cache showsrc wolfssl 2>/dev/null | grep -x "Version: $version" > /dev/null || {
                trap - ERR
                fail "apt knows no source package wolfssl $version: add a deb-src entry (as root: $0 --add-deb-src && apt-get update)"
            }
        fi
        step "apt-get source wolfssl=$version"
        rm -rf "$PREFIX/download.part"
        mkdir -p "$PREFIX/download.part"
        (cd "$PREFIX/download.part" && apt-get source -q --download-only "wolfssl=$version") >> "$log" 2>&1
        rm -rf "$PREFIX/download"
        mv "$PREFIX/download.part" "$PREFIX/download"
    fi

    step "dpkg-source -x $dsc (Debian's patches)"
    dpkg-source -x "$PREFIX/download/$dsc" "$work/wolfssl" >> "$log" 2>&1
    cd "$work/wolfssl"

    step "autoreconf -fi"
    autoreconf -fi >> "$log" 2>&1

    # Debian's compiler flags (debian/rules: hardening=+all), and the secret callback.
    export DEB_BUILD_MAINT_OPTIONS=hardening=+all
    CFLAGS="$(dpkg-buildflags --get CFLAGS) $EXTRA_CFLAGS"
    CPPFLAGS="$(dpkg-buildflags --get CPPFLAGS)"
    LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
    step "configure --prefix=$PREFIX ${CONFIGURE_FLAGS[*]} CFLAGS=\"$CFLAGS\""
    ./configure --prefix="$PREFIX" "${CONFIGURE_FLAGS[@]}" CFLAGS="$CFLAGS" CPPFLAGS="$CPPFLAGS" LDFLAGS="$LDFLAGS" \
        >> "$log" 2>&1

    step "make"
    make -j"$(nproc)" >> "$log" 2>&1
    # Staged first, so that an interrupted build never leaves a half-filled prefix behind.
    stage="$work/stage"
    step "make install DESTDIR=$stage"
    make install DESTDIR="$stage" >> "$log" 2>&1
    # --enable-distro leaves options.h out of `make install` (multi-arch); Debian's
    # libwolfssl-dev.install copies it from the build tree, and so does this.
    install -m 644 wolfssl/options.h "$stage$PREFIX/include/wolfssl/options.h"
    install -m 644 cyassl/options.h "$stage$PREFIX/include/cyassl/options.h"

    grep -q '^#define HAVE_SECRET_CALLBACK' "$stage$PREFIX/include/wolfssl/options.h" \
        || { step "options.h lacks HAVE_SECRET_CALLBACK"; false; }
    nm "$stage$PREFIX/lib/libwolfssl.a" > "$work/symbols" 2>/dev/null
    grep -q ' T wolfSSL_CTX_set_keylog_callback$' "$work/symbols" \
        || { step "libwolfssl.a lacks wolfSSL_CTX_set_keylog_callback"; false; }

    cd "$PREFIX"
    rm -rf "$PREFIX/include" "$PREFIX/lib" "$PREFIX/share" "$PREFIX/bin" "$PREFIX/netstep-stamp"
    mv "$stage$PREFIX"/* "$PREFIX/"
    rm -rf "$work"   # the sources stay in download/ for a rebuild without network
    echo "$stamp" > "$PREFIX/netstep-stamp"
    trap - ERR
    say "built wolfssl $version (Debian source + HAVE_SECRET_CALLBACK) into $rel in $(( $(date +%s) - start )) s (log: ${log#"$ROOT"/})"
}

main "$@"
