package dev.mlops.maturity.rbac;

import java.util.Objects;

/**
 * One RBAC permission: a verb on a resource (or subresource, {@code maturitytargets/status}) of an API
 * group, on any object or, when {@code resourceName} is set, on that one object only.
 */
public record Permission(String apiGroup, String resource, String verb, String resourceName) implements Comparable<Permission> {

  public Permission {
    Objects.requireNonNull(apiGroup, "apiGroup (empty for the core group)");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(verb, "verb");
    if (apiGroup.contains("*") || resource.contains("*") || verb.contains("*")
        || (resourceName != null && resourceName.contains("*"))) {
      throw new IllegalArgumentException("wildcards are never granted: " + apiGroup + " " + resource + " " + verb);
    }
    if (resourceName != null && resourceName.isEmpty()) {
      resourceName = null;
    }
  }

  public static Permission on(String apiGroup, String resource, String verb) {
    return new Permission(apiGroup, resource, verb, null);
  }

  @Override
  public int compareTo(Permission o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    String group = apiGroup.isEmpty() ? "core" : apiGroup;
    return verb + " " + group + "/" + resource + (resourceName == null ? "" : " named " + resourceName);
  }
}
