package dev.mlops.maturity.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers applied in order as a runtime does: modes kept, whiteouts delete from lower layers, opaque dirs empty them. */
class LayerTarTest {
  @TempDir
  Path root;

  @Test
  void aWhiteoutDeletesALowerFileAndAnOpaqueDirectoryKeepsOnlyItsOwnLayersEntries() throws IOException {
    LayerTar.apply(tar(file("bin/tool", "v1", 0755), file("etc/old.conf", "x", 0644), file("data/a", "a", 0644),
        file("data/b", "b", 0644)), root);
    LayerTar.apply(tar(file("etc/.wh.old.conf", "", 0644), file("data/.wh..wh..opq", "", 0644), file("data/c", "c", 0644),
        file("bin/tool", "v2", 0755)), root);

    assertThat(root.resolve("etc/old.conf")).doesNotExist();
    assertThat(root.resolve("data/a")).doesNotExist();
    assertThat(root.resolve("data/b")).doesNotExist();
    assertThat(root.resolve("data/c")).hasContent("c");
    assertThat(root.resolve("bin/tool")).hasContent("v2");
    assertThat(Files.getPosixFilePermissions(root.resolve("bin/tool"))).contains(PosixFilePermission.OTHERS_EXECUTE);
    assertThat(root.resolve("etc/.wh.old.conf")).doesNotExist();
  }

  @Test
  void theEntriesKeepTheModesAsWrittenForTheExecutableCheck() throws IOException {
    var entries = LayerTar.apply(tar(file("./opt/java/bin/java", "elf", 0755), file("app/x.jar", "jar", 0644)), root);

    assertThat(entries.get("opt/java/bin/java").mode()).isEqualTo(0755);
    assertThat(entries.get("app/x.jar").mode()).isEqualTo(0644);
  }

  @Test
  void anEntryClimbingOutOfTheRootFilesystemIsRefused() {
    assertThatThrownBy(() -> LayerTar.apply(tar(file("../escape", "x", 0644)), root))
        .isInstanceOf(IOException.class).hasMessageContaining("escapes the root filesystem");
    assertThat(root.getParent().resolve("escape")).doesNotExist();
  }

  private record TarFile(String name, byte[] data, int mode) {}

  private static TarFile file(String name, String content, int mode) {
    return new TarFile(name, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  /** A ustar stream as the layers of an image are written. */
  private static ByteArrayInputStream tar(TarFile... files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TarFile f : files) {
      byte[] h = new byte[512];
      put(h, 0, f.name());
      put(h, 100, String.format("%07o", f.mode()));
      put(h, 108, "0000000");
      put(h, 116, "0000000");
      put(h, 124, String.format("%011o", f.data().length));
      put(h, 136, "00000000000");
      h[156] = '0';
      put(h, 257, "ustar");
      put(h, 263, "00");
      for (int i = 148; i < 156; i++) {
        h[i] = ' ';
      }
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      put(h, 148, String.format("%06o", sum));
      h[154] = 0;
      out.writeBytes(h);
      out.writeBytes(f.data());
      out.writeBytes(new byte[(512 - f.data().length % 512) % 512]);
    }
    out.writeBytes(new byte[1024]);
    return new ByteArrayInputStream(out.toByteArray());
  }

  private static void put(byte[] h, int offset, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, offset, b.length);
  }
}
