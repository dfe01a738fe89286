package dev.mlops.maturity.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The chart, its files, and rendering it with real Helm (helm-java) into Kubernetes objects. */
final class ChartFixture {
  static final String RELEASE = "mmo";
  static final String NAMESPACE = "mlops-system";
  static final String FULLNAME = "mmo-mlops-maturity-operator";
  static final String KUBE_VERSION = "1.31.0";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  private ChartFixture() {}

  static Path projectRoot() {
    String configured = System.getProperty("project.root");
    Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("helm/mlops-maturity-operator"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find helm/mlops-maturity-operator above " + start);
  }

  static Path chart() {
    return projectRoot().resolve("helm/mlops-maturity-operator");
  }

  static Path testValues(String name) {
    return projectRoot().resolve("cli/src/test/resources/helm").resolve(name);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** helm template with the chart's defaults, optionally a values file, and --set pairs. */
  static String template(Path valuesFile, Map<String, Object> sets) {
    TemplateCommand t = new Helm(chart()).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
    if (valuesFile != null) {
      t = t.withValuesFile(valuesFile);
    }
    for (Map.Entry<String, Object> set : sets.entrySet()) {
      t = t.set(set.getKey(), set.getValue());
    }
    return t.call();
  }

  static List<HasMetadata> render(Path valuesFile) {
    return parse(template(valuesFile, Map.of()));
  }

  static List<HasMetadata> render() {
    return render(null);
  }

  /** Every non-empty document of the rendered manifest, as a Kubernetes object. */
  static List<HasMetadata> parse(String manifest) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(manifest)) {
      boolean onlyComments = document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
      if (!onlyComments) {
        objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
      }
    }
    return objects;
  }

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static final String APPROVER_ROLE = "maturity-exception-approver";

  /** The one object of this type and name. */
  static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
    List<T> found = ofType(objects, type).stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + " " + name + ", rendered " + found.size());
    }
    return found.get(0);
  }

  /** The ClusterRole the operator's ServiceAccount is bound to (the chart also renders aggregated user roles). */
  static io.fabric8.kubernetes.api.model.rbac.ClusterRole operatorClusterRole(List<HasMetadata> objects) {
    return named(objects, io.fabric8.kubernetes.api.model.rbac.ClusterRole.class, FULLNAME);
  }

  static <T extends HasMetadata> T single(List<HasMetadata> objects, Class<T> type) {
    List<T> found = ofType(objects, type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
    }
    return found.get(0);
  }
}
