package dev.mlops.maturity.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An image tarball as {@code skopeo copy oci-archive:} or {@code docker load} reads it: an OCI image
 * layout (oci-layout, index.json, blobs/sha256/...) or a docker-archive (manifest.json). Gives the
 * config and the layers in order; {@link #unpack} builds the root filesystem from them.
 */
final class OciArchive {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The reference the archive names (index annotation or RepoTags), e.g. "mlops-maturity-operator:0.1.0"; null if none. */
  final String reference;
  final JsonNode config;
  private final List<byte[]> layers;
  private final List<Boolean> gzipped;

  private OciArchive(String reference, JsonNode config, List<byte[]> layers, List<Boolean> gzipped) {
    this.reference = reference;
    this.config = config;
    this.layers = layers;
    this.gzipped = gzipped;
  }

  static OciArchive read(Path tarball) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    Path scratch = Files.createTempDirectory("oci-archive");
    try (InputStream in = Files.newInputStream(tarball)) {
      for (var e : LayerTar.apply(in, scratch).values()) {
        if (e.type() == '0') {
          files.put(e.path(), Files.readAllBytes(scratch.resolve(e.path())));
        }
      }
    } finally {
      UnpackedImage.deleteTree(scratch);
    }
    return files.containsKey("index.json") ? ociLayout(files) : dockerArchive(files);
  }

  private static OciArchive ociLayout(Map<String, byte[]> files) throws IOException {
    if (!files.containsKey("oci-layout")) {
      throw new IOException("index.json without an oci-layout file: not an OCI image layout");
    }
    JsonNode index = JSON.readTree(files.get("index.json"));
    if (index.path("manifests").size() != 1) {
      throw new IOException("expected one manifest in index.json, found " + index.path("manifests").size());
    }
    JsonNode descriptor = index.path("manifests").get(0);
    JsonNode manifest = JSON.readTree(blob(files, descriptor));
    JsonNode config = JSON.readTree(blob(files, manifest.path("config")));
    List<byte[]> layers = new ArrayList<>();
    List<Boolean> gzipped = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      layers.add(blob(files, layer));
      gzipped.add(layer.path("mediaType").asText().endsWith("gzip"));
    }
    String ref = descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText(null);
    return new OciArchive(ref, config, layers, gzipped);
  }

  private static OciArchive dockerArchive(Map<String, byte[]> files) throws IOException {
    if (!files.containsKey("manifest.json")) {
      throw new IOException("neither index.json nor manifest.json: not an image tarball");
    }
    JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
    JsonNode config = JSON.readTree(file(files, manifest.path("Config").asText()));
    List<byte[]> layers = new ArrayList<>();
    List<Boolean> gzipped = new ArrayList<>();
    for (JsonNode layer : manifest.path("Layers")) {
      byte[] data = file(files, layer.asText());
      layers.add(data);
      gzipped.add(data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b);
    }
    String ref = manifest.path("RepoTags").path(0).asText(null);
    return new OciArchive(ref, config, layers, gzipped);
  }

  /** The layers applied in manifest order onto an empty directory. */
  UnpackedImage unpack(Path root) throws IOException {
    Map<String, LayerTar.Entry> entries = new HashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      InputStream raw = new ByteArrayInputStream(layers.get(i));
      try (InputStream in = gzipped.get(i) ? new GZIPInputStream(raw) : raw) {
        entries.putAll(LayerTar.apply(in, root));
      }
    }
    return new UnpackedImage(root, ImageConfig.of(config), entries);
  }

  private static byte[] blob(Map<String, byte[]> files, JsonNode descriptor) throws IOException {
    String digest = descriptor.path("digest").asText();
    if (!digest.startsWith("sha256:")) {
      throw new IOException("unsupported digest " + digest);
    }
    return file(files, "blobs/sha256/" + digest.substring("sha256:".length()));
  }

  private static byte[] file(Map<String, byte[]> files, String path) throws IOException {
    byte[] data = files.get(LayerTar.normalise(path));
    if (data == null) {
      throw new IOException("the archive names " + path + " but does not contain it");
    }
    return data;
  }
}
