package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Source;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.SelectorMatcher;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.ScrapeTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code health-monitoring} (PROBES.md b.4, Appendix A): the workload's serving pods are scraped.
 *
 * <p>In-cluster match: the workload's pod labels come from the pod templates of bound Deployments and
 * StatefulSets, bound Pods and the pods of bound InferenceServices. Candidate Services are those in the
 * target namespace whose {@code spec.selector} is a subset of some pod's labels. A ServiceMonitor (any
 * namespace; {@code namespaceSelector.any}, {@code matchNames}, or its own namespace by default) matches
 * when its selector selects a candidate Service and one of its endpoints names a Service port
 * ({@code port}) or a pod port ({@code targetPort}); a PodMonitor when its selector selects the pod
 * labels and a {@code podMetricsEndpoints[].port} names a container port.
 *
 * <p>Ground truth, from {@code /api/v1/targets} of the target's Prometheus endpoint:
 * <ul>
 *   <li>a monitor matched and Prometheus answers: Satisfied when an active target of its scrape pool
 *       ({@code serviceMonitor/<ns>/<name>/<i>}, {@code podMonitor/...}) in the target namespace is up;
 *       Missing "scrape target down" when all are down; Missing when Prometheus has no target for it
 *       (the monitor is not selected by any Prometheus);</li>
 *   <li>a monitor matched and Prometheus is not configured or does not answer: Satisfied on the in-cluster
 *       match, with a note saying it was not confirmed;</li>
 *   <li>no monitor matched and Prometheus answers: Satisfied when a target labelled with the target
 *       namespace and one of the workload's Services or pods is up (scraped without a monitor, e.g. by
 *       annotation); otherwise Missing, or Unknown when a monitor read was denied or failed;</li>
 *   <li>no monitor matched and Prometheus is not configured or does not answer: Unknown (in particular
 *       when the monitoring CRDs are not installed).</li>
 * </ul>
 */
public final class HealthMonitoringProbe extends AbstractProbe {
  public static final String CAPABILITY = "health-monitoring";

  public HealthMonitoringProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.DEPLOYMENT, KindCatalogue.STATEFUL_SET, KindCatalogue.POD, KindCatalogue.INFERENCE_SERVICE, KindCatalogue.SERVICE,
        KindCatalogue.SERVICE_MONITOR, KindCatalogue.POD_MONITOR));
  }

  /** A monitor endpoint that selects the workload, and the scrape pool Prometheus gives it. */
  private record Match(String reference, String what, String scrapePool) {}

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    String ns = ctx.target().namespace();
    WorkloadPods pods = WorkloadPods.resolve(ctx);
    List<String> incomplete = new ArrayList<>(pods.failures());
    List<String> notes = new ArrayList<>();

    Listing services = ctx.inNamespace(KindCatalogue.SERVICE);
    if (!services.served()) {
      incomplete.add(services.reason());
    }
    List<GenericKubernetesResource> candidates = services.items().stream()
        .filter(s -> pods.labelSets().stream().anyMatch(l -> SelectorMatcher.mapSelects(serviceSelector(s), l)))
        .toList();

    Listing serviceMonitors = ctx.cluster().list(KindCatalogue.SERVICE_MONITOR, null);
    Listing podMonitors = ctx.cluster().list(KindCatalogue.POD_MONITOR, null);
    List<String> notInstalled = new ArrayList<>();
    for (Listing l : List.of(serviceMonitors, podMonitors)) {
      if (l.availability() == Availability.NOT_INSTALLED) {
        notInstalled.add(l.kind().displayName());
      } else if (!l.served()) {
        incomplete.add(l.reason());
      }
    }

    List<Match> matches = new ArrayList<>();
    for (GenericKubernetesResource sm : serviceMonitors.items()) {
      matchServiceMonitor(sm, ns, candidates, pods, matches, notes);
    }
    for (GenericKubernetesResource pm : podMonitors.items()) {
      matchPodMonitor(pm, ns, pods, matches, notes);
    }

    String endpoint = ctx.target().prometheusEndpoint();
    Answer<List<ScrapeTarget>> targets = activeTargets(ctx, endpoint);

    if (!matches.isEmpty()) {
      return groundMatches(matches, targets, ns, endpoint);
    }
    if (!pods.found() && incomplete.isEmpty()) {
      notes.add(0, "no bound Deployment, StatefulSet or Pod found");
    }
    if (targets instanceof Answer.Ok<List<ScrapeTarget>> ok) {
      Set<String> serviceNames = new LinkedHashSet<>();
      candidates.forEach(s -> serviceNames.add(s.getMetadata().getName()));
      List<ScrapeTarget> own = ok.value().stream().filter(t -> ofWorkload(t, ns, serviceNames, pods.podNames())).toList();
      List<ScrapeTarget> up = own.stream().filter(ScrapeTarget::up).toList();
      if (!up.isEmpty()) {
        return Evidence.satisfied(CAPABILITY, "prometheus " + endpoint + " scrapes the workload without a ServiceMonitor/PodMonitor: "
            + up.size() + " of " + own.size() + " targets up", up.stream().map(t -> targetRef(endpoint, t)).distinct().toList());
      }
      if (!own.isEmpty()) {
        return missing("scrape target down: 0 of " + own.size() + " targets of the workload up in prometheus " + endpoint, notes,
            own.stream().map(t -> targetRef(endpoint, t)).distinct().toList());
      }
      if (!incomplete.isEmpty()) {
        return unknown(String.join("; ", incomplete) + "; prometheus " + endpoint + " has no target of the workload", notes);
      }
      return missing("no ServiceMonitor or PodMonitor selects the workload and prometheus " + endpoint + " has no target of it", notes, List.of());
    }
    String why = ((Answer.Failed<List<ScrapeTarget>>) targets).reason();
    List<String> reasons = new ArrayList<>(incomplete);
    if (!notInstalled.isEmpty() && reasons.isEmpty()) {
      reasons.add("no monitoring CRDs installed (" + String.join(", ", notInstalled) + ")");
    } else if (reasons.isEmpty()) {
      reasons.add("no ServiceMonitor or PodMonitor selects the workload");
    }
    reasons.add("cannot check scrape targets: " + why);
    return unknown(String.join("; ", reasons), notes);
  }

  private static Evidence groundMatches(List<Match> matches, Answer<List<ScrapeTarget>> targets, String ns, String endpoint) {
    List<String> refs = new ArrayList<>(new LinkedHashSet<>(matches.stream().map(Match::reference).toList()));
    String what = String.join(", ", new LinkedHashSet<>(matches.stream().map(Match::what).toList()));
    if (targets instanceof Answer.Ok<List<ScrapeTarget>> ok) {
      Set<String> pools = new LinkedHashSet<>(matches.stream().map(Match::scrapePool).toList());
      List<ScrapeTarget> own = ok.value().stream()
          .filter(t -> pools.contains(t.scrapePool()) && ns.equals(t.labels().get("namespace"))).toList();
      List<ScrapeTarget> up = own.stream().filter(ScrapeTarget::up).toList();
      if (!up.isEmpty()) {
        up.stream().map(t -> targetRef(endpoint, t)).distinct().forEach(refs::add);
        return Evidence.satisfied(CAPABILITY, what + "; " + up.size() + " of " + own.size() + " targets up in prometheus " + endpoint, refs);
      }
      if (!own.isEmpty()) {
        own.stream().map(t -> targetRef(endpoint, t)).distinct().forEach(refs::add);
        return Evidence.missing(CAPABILITY, "scrape target down: 0 of " + own.size() + " targets of " + String.join(", ", pools)
            + " up in prometheus " + endpoint, refs);
      }
      return Evidence.missing(CAPABILITY, what + ", but prometheus " + endpoint + " has no active target for "
          + String.join(", ", pools) + " (not selected by a Prometheus?)", refs);
    }
    String why = ((Answer.Failed<List<ScrapeTarget>>) targets).reason();
    return Evidence.satisfied(CAPABILITY, what + " (not confirmed by Prometheus: " + why + ")", refs);
  }

  private static void matchServiceMonitor(GenericKubernetesResource sm, String ns, List<GenericKubernetesResource> candidates,
      WorkloadPods pods, List<Match> matches, List<String> notes) {
    String ref = ProbeContext.ref(sm);
    Optional<LabelSelector> selector = MonitorSelection.selector(sm);
    List<GenericKubernetesResource> selected = candidates.stream()
        .filter(s -> selector.map(sel -> SelectorMatcher.matches(sel, MonitorSelection.labels(s))).orElse(false)).toList();
    if (selected.isEmpty()) {
      return;
    }
    if (!MonitorSelection.watchesNamespace(sm, ns)) {
      notes.add("ServiceMonitor " + sm.getMetadata().getName() + " selects Service " + selected.get(0).getMetadata().getName()
          + " but its namespaceSelector does not include " + ns);
      return;
    }
    List<Object> endpoints = Fields.list(sm, "spec", "endpoints");
    for (GenericKubernetesResource svc : selected) {
      Set<String> portNames = new LinkedHashSet<>();
      Set<String> targetPorts = new LinkedHashSet<>(pods.containerPorts());
      for (Object p : Fields.list(svc, "spec", "ports")) {
        Fields.string(p, "name").ifPresent(portNames::add);
        Fields.string(p, "targetPort").ifPresent(targetPorts::add);
      }
      boolean any = false;
      for (int i = 0; i < endpoints.size(); i++) {
        Object ep = endpoints.get(i);
        Optional<String> port = Fields.string(ep, "port");
        Optional<String> targetPort = Fields.string(ep, "targetPort");
        String via = port.filter(portNames::contains).map(p -> "port " + p)
            .or(() -> targetPort.filter(targetPorts::contains).map(p -> "targetPort " + p)).orElse(null);
        if (via != null) {
          any = true;
          matches.add(new Match(ref, "ServiceMonitor " + sm.getMetadata().getNamespace() + "/" + sm.getMetadata().getName()
              + " scrapes Service " + svc.getMetadata().getName() + " " + via,
              "serviceMonitor/" + sm.getMetadata().getNamespace() + "/" + sm.getMetadata().getName() + "/" + i));
        }
      }
      if (!any) {
        notes.add("ServiceMonitor " + sm.getMetadata().getName() + " selects Service " + svc.getMetadata().getName()
            + " but no endpoint names one of its ports " + portNames);
      }
    }
  }

  private static void matchPodMonitor(GenericKubernetesResource pm, String ns, WorkloadPods pods, List<Match> matches, List<String> notes) {
    Optional<LabelSelector> selector = MonitorSelection.selector(pm);
    boolean selects = selector.map(sel -> pods.labelSets().stream().anyMatch(l -> SelectorMatcher.matches(sel, l))).orElse(false);
    if (!selects) {
      return;
    }
    if (!MonitorSelection.watchesNamespace(pm, ns)) {
      notes.add("PodMonitor " + pm.getMetadata().getName() + " selects the workload's pods but its namespaceSelector does not include " + ns);
      return;
    }
    List<Object> endpoints = Fields.list(pm, "spec", "podMetricsEndpoints");
    boolean any = false;
    for (int i = 0; i < endpoints.size(); i++) {
      Object ep = endpoints.get(i);
      Optional<String> port = Fields.string(ep, "port").or(() -> Fields.string(ep, "portNumber")).or(() -> Fields.string(ep, "targetPort"));
      if (port.filter(pods.containerPorts()::contains).isPresent()) {
        any = true;
        matches.add(new Match(ProbeContext.ref(pm), "PodMonitor " + pm.getMetadata().getNamespace() + "/" + pm.getMetadata().getName()
            + " scrapes the workload's pods port " + port.get(),
            "podMonitor/" + pm.getMetadata().getNamespace() + "/" + pm.getMetadata().getName() + "/" + i));
      }
    }
    if (!any) {
      notes.add("PodMonitor " + pm.getMetadata().getName() + " selects the workload's pods but no podMetricsEndpoint names one of their ports "
          + new java.util.TreeSet<>(pods.containerPorts()));
    }
  }

  static Answer<List<ScrapeTarget>> activeTargets(ProbeContext ctx, String endpoint) {
    Answer<PrometheusApi> api = ctx.external().prometheus(endpoint);
    if (api instanceof Answer.Ok<PrometheusApi> ok) {
      Answer<List<ScrapeTarget>> a = ok.value().activeTargets();
      return a instanceof Answer.NotFound<List<ScrapeTarget>> ? Answer.failed("prometheus " + endpoint + " has no targets API") : a;
    }
    return Answer.failed(api instanceof Answer.Failed<PrometheusApi> f ? f.reason() : "no prometheus endpoint named '" + endpoint + "'");
  }

  /** A target scraped without a monitor: labelled with the namespace and one of the workload's Services or pods. */
  private static boolean ofWorkload(ScrapeTarget t, String ns, Set<String> services, Set<String> pods) {
    Map<String, String> l = t.labels();
    String namespace = l.getOrDefault("namespace", l.get("kubernetes_namespace"));
    if (!ns.equals(namespace)) {
      return false;
    }
    String service = l.getOrDefault("service", l.get("kubernetes_name"));
    String pod = l.getOrDefault("pod", l.get("kubernetes_pod_name"));
    return (service != null && services.contains(service)) || (pod != null && pods.contains(pod));
  }

  private static String targetRef(String endpoint, ScrapeTarget t) {
    String job = t.labels().get("job");
    return "prometheus " + endpoint + " target " + (t.scrapePool() != null ? t.scrapePool() : job) + " " + t.health();
  }

  private static Evidence missing(String message, List<String> notes, List<String> refs) {
    return Evidence.missing(CAPABILITY, notes.isEmpty() ? message : message + " (" + String.join("; ", notes) + ")", refs);
  }

  private static Evidence unknown(String message, List<String> notes) {
    return new Evidence(CAPABILITY, CapabilityState.Unknown, Source.OBSERVED, List.of(),
        notes.isEmpty() ? message : message + " (" + String.join("; ", notes) + ")");
  }

  private static Map<String, String> serviceSelector(GenericKubernetesResource svc) {
    return WorkloadPods.stringMap(Fields.map(svc, "spec", "selector").orElse(Map.of()));
  }
}
