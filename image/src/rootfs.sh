#!/usr/bin/env bash
# Builds the image's root filesystem without a base image: a jlink runtime of the build JDK, the glibc
# libraries that runtime links (found with ldd on this machine), a passwd/group naming uid 65532, a
# world-writable /tmp and the runnable jar. Jib (image/pom.xml) layers this directory onto `scratch`.
# Usage: rootfs.sh JAVA_HOME JAR OUT_DIR MODULES
set -euo pipefail
java_home="$1"; jar="$2"; out="$3"; modules="$4"
here="$(cd "$(dirname "$0")" && pwd)"

rm -rf "$out"
mkdir -p "$out/opt" "$out/app" "$out/tmp"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$out/opt/java"
# the licence notices stay with the binaries; jlink links them to java.base's copies, Jib wants files
find "$out/opt/java/legal" -type l | while read -r link; do cp --remove-destination "$(readlink -f "$link")" "$link"; done

# every shared library the runtime's ELF files link, copied from the build machine at the same path;
# the loader's PT_INTERP path (/lib64/ld-linux-x86-64.so.2) gets the real file, not the host symlink
for elf in "$out/opt/java/bin/java" $(find "$out/opt/java/lib" -name '*.so'); do
  # libjvm.so is the runtime's own (lib/server), loaded before the libraries that name it
  LD_LIBRARY_PATH="$out/opt/java/lib/server" ldd "$elf" | while read -r line; do
    case "$line" in
      *"=> not found"*) echo "rootfs.sh: $elf needs a library ldd cannot find: $line" >&2; exit 1 ;;
      *"=> /"*) lib="$(echo "$line" | sed -E 's/.*=> (\/[^ ]+).*/\1/')" ;;
      /*) lib="$(echo "$line" | awk '{print $1}')" ;;
      *) continue ;;
    esac
    case "$lib" in "$out"/*) continue ;; esac
    if [ ! -e "$out$lib" ]; then
      mkdir -p "$out$(dirname "$lib")"
      cp -L "$lib" "$out$lib"
    fi
  done
done

cp -r "$here/rootfs/." "$out/"
cp "$jar" "$out/app/mlops-maturity-operator.jar"
# Jib insists on the module's classes directory; this module has none (the jar above is the application)
mkdir -p "$(dirname "$out")/classes"
echo "rootfs.sh: $(du -sh "$out" | cut -f1) in $out; libraries: $(cd "$out" && find lib lib64 usr -type f 2>/dev/null | sort | tr '\n' ' ')"
