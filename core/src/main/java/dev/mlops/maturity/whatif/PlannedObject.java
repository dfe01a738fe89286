package dev.mlops.maturity.whatif;

import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Objects;

/**
 * One document of a plan: the object to create or replace (kubectl-style, keyed by group, kind, namespace
 * and name), or to delete when it carries {@link #DELETE_ANNOTATION}{@code : delete}. {@code source} says
 * where it came from ("plan/cron.yaml document 2"), for messages.
 */
public record PlannedObject(GenericKubernetesResource object, boolean delete, String source) {
  /** The annotation that turns a plan document into a delete. */
  public static final String DELETE_ANNOTATION = "maturity.mlops.dev/plan";

  public PlannedObject {
    Objects.requireNonNull(object, "object");
  }

  public String group() {
    String apiVersion = object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String kind() {
    return object.getKind();
  }

  /** Null for a cluster-scoped object. */
  public String namespace() {
    return object.getMetadata().getNamespace();
  }

  public String name() {
    return object.getMetadata().getName();
  }

  /** Whether this document is an object of {@code kind} (any version: the API server serves one object at each). */
  public boolean is(ResourceKind kind) {
    return kind.group().equals(group()) && kind.kind().equals(kind());
  }

  /** Whether this document names the same object as {@code other} of {@code kind}. */
  public boolean sameObject(ResourceKind kind, GenericKubernetesResource other) {
    return is(kind) && name().equals(other.getMetadata().getName())
        && (!kind.namespaced() || Objects.equals(namespace(), other.getMetadata().getNamespace()));
  }

  /** {@code delete Deployment fraud/fraud-detector} or {@code apply ...}, for reports. */
  public String describe() {
    return (delete ? "delete " : "apply ") + kind() + " " + (namespace() == null ? name() : namespace() + "/" + name());
  }
}
