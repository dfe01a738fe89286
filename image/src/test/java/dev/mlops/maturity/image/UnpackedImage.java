package dev.mlops.maturity.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An image's root filesystem unpacked in a directory, started the way a runtime starts a container but
 * without root or chroot: the entrypoint's binary (found through the image's PATH) runs under the image's
 * own ELF loader with the image's library directories, so no host library is used; absolute arguments
 * naming files of the image are mapped into the directory; the environment is the image's Env only.
 */
final class UnpackedImage {
  private static final List<String> LIBRARY_DIRS = List.of("lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu", "lib64", "lib", "usr/lib");

  final Path root;
  final ImageConfig config;
  /** The tar entries of all layers by path, with the modes the image declares. */
  final Map<String, LayerTar.Entry> entries;

  UnpackedImage(Path root, ImageConfig config, Map<String, LayerTar.Entry> entries) {
    this.root = root;
    this.config = config;
    this.entries = entries;
  }

  Path hostPath(String imagePath) {
    return root.resolve(LayerTar.normalise(imagePath));
  }

  /** The image path of {@code name} as the runtime resolves argv[0]: itself if it has a slash, else via the image's PATH. */
  String executable(String name) {
    if (name.contains("/")) {
      return name;
    }
    for (String dir : config.env().getOrDefault("PATH", "").split(":")) {
      LayerTar.Entry e = entries.get(LayerTar.normalise(dir + "/" + name));
      if (e != null && e.type() == '0' && (e.mode() & 0111) != 0) {
        return dir + "/" + name;
      }
    }
    throw new IllegalStateException("'" + name + "' is not an executable file on the image's PATH " + config.env().get("PATH"));
  }

  /** The container's process: Entrypoint, then {@code args} in place of Cmd when given (as a pod's args do). */
  ProcessBuilder process(List<String> args) throws IOException {
    List<String> argv = new ArrayList<>(config.entrypoint());
    argv.addAll(args == null ? config.cmd() : args);
    Path binary = hostPath(executable(argv.get(0)));
    List<String> command = new ArrayList<>(loader(binary));
    command.add(binary.toString());
    for (String a : argv.subList(1, argv.size())) {
      command.add(a.startsWith("/") && Files.exists(hostPath(a)) ? hostPath(a).toString() : a);
    }
    ProcessBuilder pb = new ProcessBuilder(command).directory(config.workingDir().isEmpty() ? root.toFile() : hostPath(config.workingDir()).toFile());
    pb.environment().clear();
    pb.environment().putAll(config.env());
    return pb;
  }

  /** The image's loader (the binary's PT_INTERP, inside the image) with only the image's library directories. */
  List<String> loader(Path binary) throws IOException {
    String interpreter = interpreter(binary);
    Path loader = hostPath(interpreter);
    if (!Files.isRegularFile(loader)) {
      throw new IllegalStateException(binary + " needs the loader " + interpreter + ", which the image does not contain");
    }
    List<String> dirs = LIBRARY_DIRS.stream().map(this::hostPath).filter(Files::isDirectory).map(Path::toString).toList();
    return List.of(loader.toString(), "--library-path", String.join(":", dirs));
  }

  /** PT_INTERP of an ELF64 little-endian executable. */
  static String interpreter(Path elf) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(elf)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x464c457f || b.get(4) != 2) {
      throw new IOException(elf + " is not an ELF64 file");
    }
    long phoff = b.getLong(0x20);
    int phentsize = Short.toUnsignedInt(b.getShort(0x36));
    int phnum = Short.toUnsignedInt(b.getShort(0x38));
    for (int i = 0; i < phnum; i++) {
      int ph = (int) (phoff + (long) i * phentsize);
      if (b.getInt(ph) == 3) {
        int offset = (int) b.getLong(ph + 8);
        int size = (int) b.getLong(ph + 32);
        return new String(Files.readAllBytes(elf), offset, size - 1, StandardCharsets.US_ASCII);
      }
    }
    throw new IOException(elf + " has no PT_INTERP (static or a library)");
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }
}
