package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
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
        KindCatalogue.SERVICE_MONITOR, KindCatalogue.POD_MONITOR, KindCatalogue.BLACKBOX_PROBE));
  }

  /** A monitor endpoint that selects the workload, and the scrape pool Prometheus gives it. */
  private record Match(String reference, String what, String scrapePool) {}

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    String ns = ctx.target().namespace();
    ProviderScan scan = new ProviderScan(CAPABILITY);
    WorkloadPods pods = WorkloadPods.resolve(ctx);
    pods.failures().forEach(scan::failed);
    List<String> notes = new ArrayList<>();

    List<GenericKubernetesResource> candidates = scan.read(ctx.inNamespace(KindCatalogue.SERVICE)).stream()
        .filter(s -> pods.labelSets().stream().anyMatch(l -> SelectorMatcher.mapSelects(serviceSelector(s), l)))
        .toList();

    Listing serviceMonitors = ctx.cluster().list(KindCatalogue.SERVICE_MONITOR, null);
    Listing podMonitors = ctx.cluster().list(KindCatalogue.POD_MONITOR, null);
    Listing probes = ctx.cluster().list(KindCatalogue.BLACKBOX_PROBE, null);
    List<String> notInstalled = new ArrayList<>();
    for (Listing l : List.of(serviceMonitors, podMonitors, probes)) {
      if (l.availability() == Availability.NOT_INSTALLED) {
        notInstalled.add(l.kind().displayName());
      }
      scan.read(l);
    }

    List<Match> matches = new ArrayList<>();
    for (GenericKubernetesResource sm : serviceMonitors.items()) {
      matchServiceMonitor(sm, ns, candidates, pods, matches, notes);
    }
    for (GenericKubernetesResource pm : podMonitors.items()) {
      matchPodMonitor(pm, ns, pods, matches, notes);
    }
    Set<String> serviceNames = new LinkedHashSet<>();
    candidates.forEach(s -> serviceNames.add(s.getMetadata().getName()));
    boolean unresolvedProbes = false;
    for (GenericKubernetesResource probe : probes.items()) {
      Optional<String> url = BlackboxProbes.probedService(probe, ns, serviceNames);
      url.ifPresent(u -> matches.add(new Match(ProbeContext.ref(probe), "Probe " + probe.getMetadata().getNamespace() + "/"
          + probe.getMetadata().getName() + " probes " + u, BlackboxProbes.scrapePool(probe))));
      if (url.isEmpty() && BlackboxProbes.ingressReaches(probe, ns)) {
        unresolvedProbes = true;
        notes.add("Probe " + probe.getMetadata().getName() + " probes Ingresses, which are not read");
      }
    }

    String endpoint = ctx.target().prometheusEndpoint();
    Answer<List<ScrapeTarget>> targets = activeTargets(ctx, endpoint);

    if (!matches.isEmpty()) {
      return groundMatches(scan, matches, targets, ns, endpoint);
    }
    if (!pods.found() && !scan.failedAny()) {
      notes.add(0, "no bound Deployment, StatefulSet or Pod found");
    }
    String why = notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    if (targets instanceof Answer.Ok<List<ScrapeTarget>> ok) {
      List<ScrapeTarget> own = ok.value().stream().filter(t -> ofWorkload(t, ns, serviceNames, pods.podNames())).toList();
      List<ScrapeTarget> up = own.stream().filter(ScrapeTarget::up).toList();
      if (!up.isEmpty()) {
        return scan.found(up.stream().map(t -> targetRef(endpoint, t)).distinct().toList())
            .verdict("prometheus " + endpoint + " scrapes the workload without a ServiceMonitor/PodMonitor: " + up.size() + " of " + own.size()
                + " targets up", "");
      }
      if (!own.isEmpty()) {
        scan.refute("scrape target down: 0 of " + own.size() + " targets of the workload up in prometheus " + endpoint + why,
            own.stream().map(t -> targetRef(endpoint, t)).distinct().toList());
      } else if (scan.failedAny()) {
        scan.failed("prometheus " + endpoint + " has no target of the workload" + why);
      }
      notes.forEach(scan::seen);
      return scan.verdict("", "no ServiceMonitor or PodMonitor selects the workload and prometheus " + endpoint + " has no target of it");
    }
    boolean operatorServed = serviceMonitors.served() && podMonitors.served() && probes.availability() != Availability.FORBIDDEN
        && probes.availability() != Availability.FAILED;
    if (ExternalSources.notConfigured(targets) && operatorServed && !scan.failedAny() && !unresolvedProbes) {
      // Provable absence: every monitor kind was read, none reaches the workload, and no Prometheus of ours scrapes it.
      notes.forEach(scan::seen);
      return scan.verdict("", "nothing scrapes the workload: no ServiceMonitor, PodMonitor or Probe selects its Services or pods and no"
          + " Prometheus endpoint is configured; declare health-monitoring if a static scrape config does");
    }
    if (!scan.failedAny()) {
      scan.failed(!notInstalled.isEmpty() && !operatorServed ? "no monitoring CRDs installed (" + String.join(", ", notInstalled) + ")"
          : "no ServiceMonitor or PodMonitor selects the workload");
    }
    scan.failed("cannot check scrape targets: " + ((Answer.Failed<List<ScrapeTarget>>) targets).reason() + why);
    return scan.verdict("", "");
  }

  private static Evidence groundMatches(ProviderScan scan, List<Match> matches, Answer<List<ScrapeTarget>> targets, String ns,
      String endpoint) {
    List<String> refs = new ArrayList<>(new LinkedHashSet<>(matches.stream().map(Match::reference).toList()));
    String what = String.join(", ", new LinkedHashSet<>(matches.stream().map(Match::what).toList()));
    if (targets instanceof Answer.Ok<List<ScrapeTarget>> ok) {
      Set<String> pools = new LinkedHashSet<>(matches.stream().map(Match::scrapePool).toList());
      // blackbox targets carry the Probe's labels, not the workload namespace; their pool names them uniquely
      List<ScrapeTarget> own = ok.value().stream().filter(t -> pools.contains(t.scrapePool())
          && (t.scrapePool().startsWith("probe/") || ns.equals(t.labels().get("namespace")))).toList();
      List<ScrapeTarget> up = own.stream().filter(ScrapeTarget::up).toList();
      if (!up.isEmpty()) {
        up.stream().map(t -> targetRef(endpoint, t)).distinct().forEach(refs::add);
        return scan.found(refs).verdict(what + "; " + up.size() + " of " + own.size() + " targets up in prometheus " + endpoint, "");
      }
      if (!own.isEmpty()) {
        own.stream().map(t -> targetRef(endpoint, t)).distinct().forEach(refs::add);
        return scan.refute("scrape target down: 0 of " + own.size() + " targets of " + String.join(", ", pools) + " up in prometheus " + endpoint,
            refs).verdict("", "");
      }
      return scan.refute(what + ", but prometheus " + endpoint + " has no active target for " + String.join(", ", pools)
          + " (not selected by a Prometheus?)", refs).verdict("", "");
    }
    String why = ((Answer.Failed<List<ScrapeTarget>>) targets).reason();
    return scan.found(refs).verdict(what + " (not confirmed by Prometheus: " + why + ")", "");
  }

  private static void matchServiceMonitor(GenericKubernetesResource sm, String ns, List<GenericKubernetesResource> candidates,
      WorkloadPods pods, List<Match> matches, List<String> notes) {
    String ref = ProbeContext.ref(sm);
    Optional<LabelSelector> selector = MonitorSelection.selector(sm);
    List<GenericKubernetesResource> selected = candidates.stream()
        .filter(s -> selector.map(sel -> SelectorMatcher.matches(sel, Fields.labels(s))).orElse(false)).toList();
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

  private static Map<String, String> serviceSelector(GenericKubernetesResource svc) {
    return WorkloadPods.stringMap(Fields.map(svc, "spec", "selector").orElse(Map.of()));
  }
}
