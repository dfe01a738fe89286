package dev.mlops.maturity.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One image layer (a tar stream, ustar with PAX/GNU long names) applied onto a root filesystem directory
 * as a container runtime does: files with their permission bits, directories, links, and the OCI
 * whiteouts ({@code .wh.NAME} deletes NAME from lower layers, {@code .wh..wh..opq} empties a directory).
 */
final class LayerTar {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
  private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  /** What the layer said about a path: its permission bits (the mode as written, before any umask). */
  record Entry(String path, char type, int mode) {}

  private LayerTar() {}

  /** Applies the layer onto {@code root}; returns its entries by normalised path ("opt/java/bin/java"). */
  static Map<String, Entry> apply(InputStream tar, Path root) throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    Set<Path> writtenHere = new HashSet<>();
    byte[] header = new byte[512];
    String longName = null;
    String longLink = null;
    while (readFully(tar, header)) {
      if (isZero(header)) {
        break;
      }
      String name = longName != null ? longName : headerName(header);
      String link = longLink != null ? longLink : text(header, 157, 100);
      longName = null;
      longLink = null;
      char type = (char) (header[156] == 0 ? '0' : header[156]);
      long size = octal(header, 124, 12);
      int mode = (int) octal(header, 100, 8) & 07777;
      byte[] data = readBlock(tar, size);
      switch (type) {
        case 'L' -> longName = cString(data);
        case 'K' -> longLink = cString(data);
        case 'x' -> {
          Map<String, String> pax = pax(data);
          longName = pax.get("path");
          longLink = pax.get("linkpath");
        }
        case 'g' -> { }
        default -> {
          String path = normalise(name);
          if (path.isEmpty()) {
            continue;
          }
          Path target = inside(root, path);
          String base = target.getFileName().toString();
          if (base.equals(OPAQUE)) {
            emptyBelow(target.getParent(), writtenHere);
          } else if (base.startsWith(WHITEOUT)) {
            delete(target.resolveSibling(base.substring(WHITEOUT.length())));
          } else {
            write(root, target, type, link, data, mode);
            writtenHere.add(target);
            entries.put(path, new Entry(path, type, mode));
          }
        }
      }
    }
    return entries;
  }

  private static void write(Path root, Path target, char type, String link, byte[] data, int mode) throws IOException {
    Files.createDirectories(target.getParent());
    if (type == '5') {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        delete(target);
      }
      Files.createDirectories(target);
      // the test runs as whoever builds: keep the owner's write bit so later layers can add files
      Files.setPosixFilePermissions(target, permissions(mode | 0700));
      return;
    }
    delete(target);
    switch (type) {
      case '0', '7' -> {
        Files.write(target, data);
        Files.setPosixFilePermissions(target, permissions(mode | 0600));
      }
      case '2' -> Files.createSymbolicLink(target, Path.of(link));
      case '1' -> Files.createLink(target, inside(root, normalise(link)));
      default -> throw new IOException("unsupported tar entry type '" + type + "' for " + target);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(BITS[i]);
      }
    }
    return set;
  }

  /** A layer path never leaves the root filesystem (no "..", no absolute escape). */
  private static Path inside(Path root, String path) throws IOException {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root)) {
      throw new IOException("layer entry escapes the root filesystem: " + path);
    }
    return p;
  }

  static String normalise(String name) {
    String n = name.startsWith("./") ? name.substring(2) : name;
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  private static void emptyBelow(Path dir, Set<Path> keep) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.filter(c -> keep.stream().noneMatch(k -> k.startsWith(c))).toList()) {
        delete(child);
      }
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> all = Files.walk(p)) {
        for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(q);
        }
      }
    } else {
      Files.delete(p);
    }
  }

  private static String headerName(byte[] h) {
    String name = text(h, 0, 100);
    boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? text(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static Map<String, String> pax(byte[] data) {
    Map<String, String> records = new HashMap<>();
    String all = new String(data, StandardCharsets.UTF_8);
    int i = 0;
    while (i < all.length()) {
      int space = all.indexOf(' ', i);
      if (space < 0) {
        break;
      }
      int length = Integer.parseInt(all.substring(i, space));
      String record = all.substring(space + 1, i + length - 1);
      int eq = record.indexOf('=');
      records.put(record.substring(0, eq), record.substring(eq + 1));
      i += length;
    }
    return records;
  }

  private static byte[] readBlock(InputStream in, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
    byte[] buffer = new byte[512];
    for (long left = (size + 511) / 512 * 512; left > 0; left -= 512) {
      if (!readFully(in, buffer)) {
        throw new IOException("tar ends inside an entry");
      }
      out.write(buffer, 0, (int) Math.min(512, Math.max(0, size - out.size())));
    }
    return out.toByteArray();
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = in.readNBytes(b, 0, b.length);
    if (n == 0) {
      return false;
    }
    if (n < b.length) {
      throw new IOException("tar ends inside a block");
    }
    return true;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static long octal(byte[] h, int off, int len) {
    String s = text(h, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  private static String text(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] data) {
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, 0, end, StandardCharsets.UTF_8);
  }
}
