package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Prometheus Operator blackbox {@code Probe}s ({@code monitoring.coreos.com/v1}, PROBES.md b.4 "blackbox uptime")
 * that probe one of the workload's Services: a {@code spec.targets.staticConfig.static[]} URL whose host is
 * {@code <service>}, {@code <service>.<ns>}, {@code <service>.<ns>.svc[.cluster.local]} (a bare name resolves in
 * the Probe's own namespace). Ingress targets ({@code spec.targets.ingress}) are not resolved: Ingresses are not
 * read, so such a Probe reaching the namespace leaves absence unproven.
 */
final class BlackboxProbes {
  private BlackboxProbes() {}

  /** A static target of the Probe that names a workload Service ("http://fraud-detector.fraud.svc:8080/health"), if any. */
  static Optional<String> probedService(GenericKubernetesResource probe, String namespace, Set<String> services) {
    String own = probe.getMetadata().getNamespace();
    for (Object target : Fields.list(probe, "spec", "targets", "staticConfig", "static")) {
      String url = String.valueOf(target);
      String[] host = host(url).split("\\.");
      String service = host[0];
      String ns = host.length == 1 ? own : host[1];
      boolean clusterName = host.length <= 2 || "svc".equals(host[2]);
      if (clusterName && namespace.equals(ns) && services.contains(service)) {
        return Optional.of(url);
      }
    }
    return Optional.empty();
  }

  /** Whether the Probe has ingress targets whose namespaceSelector reaches the namespace (empty = the Probe's own). */
  static boolean ingressReaches(GenericKubernetesResource probe, String namespace) {
    Optional<java.util.Map<String, Object>> ingress = Fields.map(probe, "spec", "targets", "ingress");
    if (ingress.isEmpty()) {
      return false;
    }
    if (Fields.isTrue(ingress.get(), "namespaceSelector", "any")) {
      return true;
    }
    List<Object> names = Fields.list(ingress.get(), "namespaceSelector", "matchNames");
    return names.isEmpty() ? namespace.equals(probe.getMetadata().getNamespace()) : names.stream().anyMatch(n -> namespace.equals(String.valueOf(n)));
  }

  static String scrapePool(GenericKubernetesResource probe) {
    return "probe/" + probe.getMetadata().getNamespace() + "/" + probe.getMetadata().getName();
  }

  /** The host of a static target: scheme, user info, port and path removed, lower case. */
  static String host(String url) {
    String h = url.trim().toLowerCase(Locale.ROOT);
    int scheme = h.indexOf("://");
    h = scheme >= 0 ? h.substring(scheme + 3) : h;
    int path = h.indexOf('/');
    h = path >= 0 ? h.substring(0, path) : h;
    int at = h.lastIndexOf('@');
    h = at >= 0 ? h.substring(at + 1) : h;
    int port = h.indexOf(':');
    h = port >= 0 ? h.substring(0, port) : h;
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
