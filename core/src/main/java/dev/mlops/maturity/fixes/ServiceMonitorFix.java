package dev.mlops.maturity.fixes;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.SelectorMatcher;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code health-monitoring}: a ServiceMonitor in the target's namespace whose selector matches the
 * labels of a Service that selects the workload's pods, with an endpoint naming that Service's metrics
 * port (what HealthMonitoringProbe matches). Without such a Service, the Service is suggested too,
 * selecting the controller's pods on its metrics container port.
 */
public final class ServiceMonitorFix implements Fix {
  /** prometheus-operator Helm charts select monitors by this label; copied from the cluster's other monitors. */
  static final String RELEASE_LABEL = "release";

  @Override
  public String capability() {
    return "health-monitoring";
  }

  @Override
  public Suggestion suggest(FixContext ctx) {
    Listing monitors = ctx.cluster().list(KindCatalogue.SERVICE_MONITOR, null);
    if (!monitors.served()) {
      return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, monitors.availability() == Availability.NOT_INSTALLED
          ? "the Prometheus Operator is not installed (no ServiceMonitor CRD): install it, or declare health-monitoring if a static scrape config scrapes the workload"
          : "cannot read ServiceMonitors: " + monitors.reason());
    }
    Optional<ServingWorkload> workload = ServingWorkload.find(ctx);
    if (workload.isEmpty()) {
      return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, "no Deployment or StatefulSet is bound to the workload selector, so there are no pods to scrape");
    }
    ServingWorkload w = workload.get();
    Map<String, String> podLabels = w.podLabels();
    List<GenericKubernetesResource> services = ctx.inNamespace(KindCatalogue.SERVICE).items().stream()
        .filter(s -> {
          Map<String, String> selector = ServingWorkload.strings(Fields.map(s, "spec", "selector").orElse(Map.of()));
          return !selector.isEmpty() && SelectorMatcher.mapSelects(selector, podLabels);
        }).toList();
    Optional<String> release = releaseLabel(monitors.items());
    for (GenericKubernetesResource svc : services) {
      Optional<GenericKubernetesResource> existing = monitors.items().stream().filter(m -> selects(m, svc)).findFirst();
      if (existing.isPresent()) {
        return Suggestion.without(ctx, Remedy.NEEDS_HTTP_EVIDENCE, "ServiceMonitor " + existing.get().getMetadata().getName()
            + " already selects Service " + svc.getMetadata().getName() + ": Prometheus must scrape it (its serviceMonitorSelector, "
            + "the endpoint port) and report the target up; the probe said: " + ctx.evidence().message());
      }
    }
    List<FixManifest> manifests = new ArrayList<>();
    GenericKubernetesResource service;
    String endpointField;
    String endpointPort;
    if (!services.isEmpty()) {
      service = services.get(0);
      Object port = servicePort(service, w);
      if (port == null) {
        return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, "Service " + service.getMetadata().getName() + " has no port to scrape");
      }
      Optional<String> name = Fields.string(port, "name");
      endpointField = name.isPresent() ? "port" : "targetPort";
      endpointPort = name.orElse(Fields.string(port, "targetPort").or(() -> Fields.string(port, "port")).orElse(""));
    } else {
      Optional<ServingWorkload.Port> metrics = w.metricsPort();
      if (metrics.isEmpty()) {
        return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, w.kind() + " " + w.name() + " declares no container port: expose a metrics port first");
      }
      service = newService(ctx, w, metrics.get());
      endpointField = "port";
      endpointPort = "metrics";
      manifests.add(ctx.manifest(service, "no Service selects the pods of " + w.kind() + " " + w.name()
          + ": this one exposes container port " + describe(metrics.get()) + " for scraping (check that it serves /metrics)"));
    }
    GenericKubernetesResource monitor = newMonitor(ctx, service, endpointField, endpointPort, release, monitors.items());
    manifests.add(ctx.manifest(monitor, "scrapes Service " + service.getMetadata().getName() + " " + endpointField + " " + endpointPort
        + " every 30s" + release.map(r -> "; label release=" + r + " as the cluster's other ServiceMonitors carry (the Prometheus serviceMonitorSelector)")
        .orElse("; no other ServiceMonitor shows which labels your Prometheus selects: add them")));
    return Suggestion.apply(ctx, "scrape " + w.kind() + " " + w.name() + " on Service " + service.getMetadata().getName() + " "
        + endpointField + " " + endpointPort, manifests);
  }

  private static boolean selects(GenericKubernetesResource monitor, GenericKubernetesResource svc) {
    Optional<Map<String, Object>> selector = Fields.map(monitor, "spec", "selector", "matchLabels");
    String ns = svc.getMetadata().getNamespace();
    boolean watches = Fields.isTrue(monitor, "spec", "namespaceSelector", "any")
        || Fields.list(monitor, "spec", "namespaceSelector", "matchNames").stream().anyMatch(n -> ns.equals(String.valueOf(n)))
        || ns.equals(monitor.getMetadata().getNamespace());
    return watches && selector.isPresent() && !selector.get().isEmpty()
        && SelectorMatcher.mapSelects(ServingWorkload.strings(selector.get()), Fields.labels(svc));
  }

  /** The Service port to scrape: named "metric...", else the one targeting the metrics container port, else the first. */
  private static Object servicePort(GenericKubernetesResource svc, ServingWorkload w) {
    List<Object> ports = Fields.list(svc, "spec", "ports");
    Optional<ServingWorkload.Port> metrics = w.metricsPort();
    return ports.stream().filter(p -> Fields.string(p, "name").map(n -> n.toLowerCase(Locale.ROOT).contains("metric")).orElse(false)).findFirst()
        .or(() -> metrics.flatMap(m -> ports.stream().filter(p -> Fields.string(p, "targetPort")
            .map(t -> t.equals(m.name()) || t.equals(String.valueOf(m.number()))).orElse(false)).findFirst()))
        .or(() -> ports.stream().findFirst()).orElse(null);
  }

  private static GenericKubernetesResource newService(FixContext ctx, ServingWorkload w, ServingWorkload.Port port) {
    boolean taken = ctx.inNamespace(KindCatalogue.SERVICE).items().stream().anyMatch(s -> w.name().equals(s.getMetadata().getName()));
    GenericKubernetesResource svc = ctx.newObject(KindCatalogue.SERVICE, taken ? w.name() + "-metrics" : w.name());
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", "metrics");
    p.put("port", port.number());
    p.put("targetPort", port.name() != null ? port.name() : port.number());
    Map<String, Object> spec = FixContext.spec(svc);
    spec.put("selector", new LinkedHashMap<>(w.podSelector()));
    spec.put("ports", List.of(p));
    return svc;
  }

  private static GenericKubernetesResource newMonitor(FixContext ctx, GenericKubernetesResource svc, String field, String port,
      Optional<String> release, List<GenericKubernetesResource> monitors) {
    String base = svc.getMetadata().getName();
    boolean taken = monitors.stream().anyMatch(m -> base.equals(m.getMetadata().getName()) && ctx.namespace().equals(m.getMetadata().getNamespace()));
    GenericKubernetesResource monitor = ctx.newObject(KindCatalogue.SERVICE_MONITOR, taken ? base + "-health" : base);
    release.ifPresent(r -> monitor.getMetadata().getLabels().put(RELEASE_LABEL, r));
    Map<String, String> serviceLabels = Fields.labels(svc);
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put(field, port);
    endpoint.put("interval", "30s");
    endpoint.put("path", "/metrics");
    Map<String, Object> spec = FixContext.spec(monitor);
    spec.put("selector", Map.of("matchLabels", new LinkedHashMap<>(serviceLabels)));
    spec.put("endpoints", List.of(endpoint));
    return monitor;
  }

  /** The most common {@code release} label of the cluster's ServiceMonitors, if any carries one. */
  static Optional<String> releaseLabel(List<GenericKubernetesResource> monitors) {
    return monitors.stream().map(m -> Fields.label(m, RELEASE_LABEL)).filter(java.util.Objects::nonNull)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
        .map(Map.Entry::getKey);
  }

  private static String describe(ServingWorkload.Port p) {
    return p.number() + (p.name() == null ? "" : " (" + p.name() + ")");
  }
}
