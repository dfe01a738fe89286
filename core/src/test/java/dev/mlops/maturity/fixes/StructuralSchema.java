package dev.mlops.maturity.fixes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates an object against the OpenAPI v3 schema of its CRD version the way an API server with strict
 * field validation (kubectl's default) does: types, required fields, enums, patterns, minimums,
 * int-or-string, and unknown fields rejected unless the schema preserves them or allows additional properties.
 */
public final class StructuralSchema {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Object> crd;

  private StructuralSchema(Map<String, Object> crd) {
    this.crd = crd;
  }

  /** A CRD from test resources (the first YAML document with kind CustomResourceDefinition). */
  @SuppressWarnings("unchecked")
  public static StructuralSchema load(String resource) throws IOException {
    try (InputStream in = StructuralSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no test resource " + resource);
      }
      for (Object doc : YAML.readerFor(Map.class).readValues(in).readAll()) {
        Map<String, Object> m = (Map<String, Object>) doc;
        if ("CustomResourceDefinition".equals(m.get("kind"))) {
          return new StructuralSchema(m);
        }
      }
    }
    throw new IOException(resource + " holds no CustomResourceDefinition");
  }

  @SuppressWarnings("unchecked")
  public String kind() {
    return (String) ((Map<String, Object>) ((Map<String, Object>) crd.get("spec")).get("names")).get("kind");
  }

  /** The problems of {@code object} ("spec.endpoints[0].prot: unknown field"), empty when it validates. */
  @SuppressWarnings("unchecked")
  public List<String> validate(GenericKubernetesResource object) {
    Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
    String group = (String) spec.get("group");
    String version = object.getApiVersion().substring(object.getApiVersion().indexOf('/') + 1);
    List<String> problems = new ArrayList<>();
    if (!object.getApiVersion().equals(group + "/" + version) || !kind().equals(object.getKind())) {
      problems.add(object.getApiVersion() + " " + object.getKind() + " is not served by this CRD (" + group + " " + kind() + ")");
      return problems;
    }
    Map<String, Object> schema = null;
    for (Object v : (List<Object>) spec.get("versions")) {
      Map<String, Object> vm = (Map<String, Object>) v;
      if (version.equals(vm.get("name")) && Boolean.TRUE.equals(vm.get("served"))) {
        schema = (Map<String, Object>) ((Map<String, Object>) vm.get("schema")).get("openAPIV3Schema");
      }
    }
    if (schema == null) {
      problems.add("version " + version + " is not served by the CRD");
      return problems;
    }
    Map<String, Object> tree = Serialization.unmarshal(Serialization.asJson(object), Map.class);
    check(tree, schema, "", problems);
    return problems;
  }

  @SuppressWarnings("unchecked")
  private static void check(Object node, Map<String, Object> schema, String path, List<String> problems) {
    String at = path.isEmpty() ? "<root>" : path;
    if (node == null) {
      if (!Boolean.TRUE.equals(schema.get("nullable"))) {
        problems.add(at + ": null is not allowed");
      }
      return;
    }
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      if (!(node instanceof String) && !isInteger(node)) {
        problems.add(at + ": must be an integer or a string, got " + node);
      }
      pattern(node, schema, at, problems);
      return;
    }
    if (schema.get("anyOf") instanceof List<?> anyOf) {
      boolean any = false;
      for (Object alt : anyOf) {
        List<String> p = new ArrayList<>();
        check(node, (Map<String, Object>) alt, path, p);
        any |= p.isEmpty();
      }
      if (!any) {
        problems.add(at + ": matches none of anyOf");
      }
    }
    String type = (String) schema.get("type");
    if (type == null) {
      return;
    }
    switch (type) {
      case "object" -> {
        if (!(node instanceof Map<?, ?> map)) {
          problems.add(at + ": must be an object");
          return;
        }
        if (path.equals("metadata")) {
          return; // ObjectMeta is validated by the API server itself, not by the CRD schema
        }
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        Object additional = schema.get("additionalProperties");
        boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
        for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
          if (!map.containsKey(required)) {
            problems.add(at + ": required field " + required + " is missing");
          }
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String child = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
          if (properties.containsKey(e.getKey())) {
            check(e.getValue(), (Map<String, Object>) properties.get(e.getKey()), child, problems);
          } else if (additional instanceof Map<?, ?> a) {
            check(e.getValue(), (Map<String, Object>) a, child, problems);
          } else if (!preserve && !Boolean.TRUE.equals(additional)) {
            problems.add(child + ": unknown field");
          }
        }
      }
      case "array" -> {
        if (!(node instanceof List<?> list)) {
          problems.add(at + ": must be an array");
          return;
        }
        Map<String, Object> items = (Map<String, Object>) schema.get("items");
        for (int i = 0; i < list.size() && items != null; i++) {
          check(list.get(i), items, path + "[" + i + "]", problems);
        }
      }
      case "string" -> {
        if (!(node instanceof String)) {
          problems.add(at + ": must be a string, got " + node);
          return;
        }
        if (schema.get("enum") instanceof List<?> values && !values.contains(node)) {
          problems.add(at + ": " + node + " is not one of " + values);
        }
        if (schema.get("minLength") instanceof Number min && ((String) node).length() < min.intValue()) {
          problems.add(at + ": shorter than " + min);
        }
        pattern(node, schema, at, problems);
      }
      case "integer" -> {
        if (!isInteger(node)) {
          problems.add(at + ": must be an integer, got " + node);
        } else if (schema.get("minimum") instanceof Number min && ((Number) node).longValue() < min.longValue()) {
          problems.add(at + ": below the minimum " + min);
        }
      }
      case "number" -> {
        if (!(node instanceof Number)) {
          problems.add(at + ": must be a number, got " + node);
        }
      }
      case "boolean" -> {
        if (!(node instanceof Boolean)) {
          problems.add(at + ": must be a boolean, got " + node);
        }
      }
      default -> problems.add(at + ": the schema has an unknown type " + type);
    }
  }

  private static void pattern(Object node, Map<String, Object> schema, String at, List<String> problems) {
    if (node instanceof String s && schema.get("pattern") instanceof String p && !Pattern.compile(p).matcher(s).find()) {
      problems.add(at + ": " + s + " does not match " + p);
    }
  }

  private static boolean isInteger(Object node) {
    return node instanceof Integer || node instanceof Long || node instanceof java.math.BigInteger
        || (node instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !(node instanceof Float));
  }
}
