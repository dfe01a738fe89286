package dev.mlops.maturity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.InvalidConfigException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The MaturityTargets of an `assess -f` file, read with a real YAML parser: multi-document streams (separators
 * with comments, `...` document ends), `kind: List` / `MaturityTargetList` as `kubectl get mt -o yaml` writes
 * them, and files up to {@link #MAX_BYTES} (SnakeYAML's default stops at 3 MB).
 */
final class TargetFile {
  /** The largest file `assess -f` reads: a cluster's worth of targets with their status. */
  static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final ObjectMapper YAML;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) MAX_BYTES);
    YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  private TargetFile() {}

  /** The targets of the file; a target without a namespace gets {@code defaultNamespace}. */
  static List<MaturityTarget> read(Path path, String defaultNamespace) throws InvalidConfigException {
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw new InvalidConfigException(path + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB, the most assess -f reads");
      }
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read " + path + ": " + e.getMessage());
    }
    List<MaturityTarget> out = new ArrayList<>();
    int index = 0;
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(path.toFile())) {
      while (documents.hasNextValue()) {
        JsonNode doc = documents.nextValue();
        index++;
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
          continue;
        }
        String kind = doc.path("kind").asText("");
        if (kind.endsWith("List")) {
          int item = 0;
          for (JsonNode o : doc.path("items")) {
            item++;
            if ("MaturityTarget".equals(o.path("kind").asText())) {
              out.add(target(o, path + " document " + index + " item " + item, defaultNamespace));
            }
          }
        } else if ("MaturityTarget".equals(kind)) {
          out.add(target(doc, path + " document " + index, defaultNamespace));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfigException(path + " document " + Math.max(index, 1) + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (out.isEmpty()) {
      throw new InvalidConfigException(path + " contains no MaturityTarget");
    }
    return out;
  }

  private static MaturityTarget target(JsonNode node, String where, String defaultNamespace) throws InvalidConfigException {
    MaturityTarget t;
    try {
      t = Serialization.jsonMapper().convertValue(node, MaturityTarget.class);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(where + " is not a valid MaturityTarget: " + firstLine(e.getMessage()));
    }
    if (t.getMetadata() == null || t.getMetadata().getName() == null) {
      throw new InvalidConfigException(where + ": a MaturityTarget needs metadata.name");
    }
    if (t.getMetadata().getNamespace() == null) {
      t.getMetadata().setNamespace(defaultNamespace);
    }
    return t;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
