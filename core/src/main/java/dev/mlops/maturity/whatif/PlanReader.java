package dev.mlops.maturity.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.probe.KindCatalogue;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a plan: one YAML file, or every {@code *.yaml}/{@code *.yml} file below a directory (recursively, in
 * path order, as {@code kubectl apply -R -f DIR}); multi-document streams and {@code kind: List} as
 * {@code kustomize build} and {@code kubectl get -o yaml} write them. A namespaced object without a
 * namespace gets the default one, as kubectl gives it the context's.
 */
public final class PlanReader {
  /** The most a plan may hold, as the largest `assess -f` file. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final ObjectMapper YAML;
  private static final Map<String, Boolean> NAMESPACED = new HashMap<>();

  static {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) MAX_BYTES);
    YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
    KindCatalogue.ALL.forEach(k -> NAMESPACED.put(key(k.group(), k.kind()), k.namespaced()));
    NAMESPACED.put(key(MaturityTarget.GROUP, "MaturityTarget"), true);
    NAMESPACED.put(key(MaturityTarget.GROUP, "MaturityModel"), false);
    NAMESPACED.put(key(MaturityTarget.GROUP, "MaturityException"), false);
    NAMESPACED.put(key("", "Namespace"), false);
  }

  private final String defaultNamespace;

  public PlanReader(String defaultNamespace) {
    this.defaultNamespace = defaultNamespace;
  }

  /** {@code path} is a file or a directory; {@code -} reads standard input. */
  public Plan read(Path path) throws InvalidPlanException {
    if ("-".equals(path.toString())) {
      return read(System.in, "<stdin>");
    }
    if (!Files.exists(path)) {
      throw new InvalidPlanException("plan " + path + " does not exist");
    }
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
      } catch (IOException e) {
        throw new InvalidPlanException("cannot read plan directory " + path + ": " + e.getMessage());
      }
    } else {
      files = List.of(path);
    }
    List<PlannedObject> objects = new ArrayList<>();
    long total = 0;
    for (Path f : files) {
      try {
        total += Files.size(f);
        if (total > MAX_BYTES) {
          throw new InvalidPlanException("plan " + path + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        objects.addAll(parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
      } catch (IOException e) {
        throw new InvalidPlanException("cannot read plan file " + f + ": " + e.getMessage());
      }
    }
    if (objects.isEmpty()) {
      throw new InvalidPlanException("plan " + path + " holds no Kubernetes object (no *.yaml or *.yml document with apiVersion and kind)");
    }
    return new Plan(objects);
  }

  /** A plan streamed in ({@code kustomize build | assess --plan -}); {@code name} names it in errors. */
  public Plan read(InputStream in, String name) throws InvalidPlanException {
    try {
      byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new InvalidPlanException("plan " + name + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
      }
      List<PlannedObject> objects = parse(new String(bytes, StandardCharsets.UTF_8), name);
      if (objects.isEmpty()) {
        throw new InvalidPlanException("plan " + name + " holds no Kubernetes object");
      }
      return new Plan(objects);
    } catch (IOException e) {
      throw new InvalidPlanException("cannot read plan from " + name + ": " + e.getMessage());
    }
  }

  /** The objects of one YAML stream; {@code file} names it in errors. */
  public List<PlannedObject> parse(String yaml, String file) throws InvalidPlanException {
    List<PlannedObject> out = new ArrayList<>();
    int index = 0;
    try (Reader reader = new StringReader(yaml); MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(reader)) {
      while (documents.hasNextValue()) {
        index++;
        JsonNode doc = documents.nextValue();
        if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isTextual() && doc.asText().isBlank())) {
          continue;
        }
        String where = file + " document " + index;
        if (doc.path("kind").asText("").endsWith("List") && doc.has("items")) {
          int item = 0;
          for (JsonNode o : doc.path("items")) {
            out.add(object(o, where + " item " + ++item));
          }
        } else {
          out.add(object(doc, where));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidPlanException(file + " document " + Math.max(index, 1) + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    return out;
  }

  private PlannedObject object(JsonNode node, String where) throws InvalidPlanException {
    if (!node.isObject()) {
      throw new InvalidPlanException(where + " is not a Kubernetes object (a YAML mapping with apiVersion, kind and metadata.name)");
    }
    for (String field : List.of("apiVersion", "kind")) {
      if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
        throw new InvalidPlanException(where + " has no " + field);
      }
    }
    if (!node.path("metadata").path("name").isTextual() || node.path("metadata").path("name").asText().isBlank()) {
      throw new InvalidPlanException(where + " (" + node.path("kind").asText() + ") has no metadata.name");
    }
    GenericKubernetesResource object;
    try {
      object = Serialization.jsonMapper().convertValue(node, GenericKubernetesResource.class);
    } catch (IllegalArgumentException e) {
      throw new InvalidPlanException(where + " is not a valid Kubernetes object: " + firstLine(e.getMessage()));
    }
    String annotation = object.getMetadata().getAnnotations() == null ? null
        : object.getMetadata().getAnnotations().get(PlannedObject.DELETE_ANNOTATION);
    if (annotation != null && !"delete".equals(annotation)) {
      throw new InvalidPlanException(where + ": annotation " + PlannedObject.DELETE_ANNOTATION + " must be 'delete', got '" + annotation + "'");
    }
    PlannedObject planned = new PlannedObject(object, annotation != null, where);
    if (MaturityTarget.GROUP.equals(planned.group()) && "MaturityTarget".equals(planned.kind())) {
      try {
        Serialization.jsonMapper().convertValue(node, MaturityTarget.class);
      } catch (IllegalArgumentException e) {
        throw new InvalidPlanException(where + " is not a valid MaturityTarget: " + firstLine(e.getMessage()));
      }
    }
    boolean namespaced = NAMESPACED.getOrDefault(key(planned.group(), planned.kind()), object.getMetadata().getNamespace() != null);
    if (namespaced && object.getMetadata().getNamespace() == null) {
      object.getMetadata().setNamespace(defaultNamespace);
    } else if (!namespaced && object.getMetadata().getNamespace() != null) {
      // a cluster-scoped object ignores a namespace, as the API server does
      object.getMetadata().setNamespace(null);
    }
    return planned;
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
