package dev.mlops.maturity.model;

import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The three models shipped in the jar as MaturityModel YAML (src/main/resources/models). */
public final class BuiltInModels {
  public static final String DEFAULT = "mlops-5-level";
  public static final List<String> IDS = List.of("mlops-5-level", "google-3-level", "azure-5-level");

  private final Map<String, MaturityModelDefinition> byId;

  private BuiltInModels(Map<String, MaturityModelDefinition> byId) {
    this.byId = byId;
  }

  /** Loads and validates the built-in models; a broken built-in is a packaging bug, so it fails loudly. */
  public static BuiltInModels load() {
    Map<String, MaturityModelDefinition> byId = new LinkedHashMap<>();
    for (String id : IDS) {
      MaturityModel resource = resource(id);
      try {
        byId.put(id, ModelReader.read(resource));
      } catch (InvalidModelException e) {
        throw new IllegalStateException("built-in " + e.getMessage(), e);
      }
    }
    return new BuiltInModels(byId);
  }

  /** The raw resource, as shipped, for a user who wants to copy it into a custom model. */
  public static MaturityModel resource(String id) {
    String path = "/models/" + id + ".yaml";
    try (InputStream in = BuiltInModels.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("built-in model " + path + " is not in the jar");
      }
      return Serialization.unmarshal(in, MaturityModel.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<MaturityModelDefinition> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<MaturityModelDefinition> all() {
    return List.copyOf(byId.values());
  }
}
