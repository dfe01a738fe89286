package dev.mlops.maturity.reconciler;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.reports.OpenReport;
import dev.mlops.maturity.reports.ReportMapping;
import dev.mlops.maturity.reports.ReportResult;
import dev.mlops.maturity.reports.ReportSummary;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one OpenReports {@code Report} per MaturityTarget: same name and namespace as the target, owned by it
 * (Kubernetes' garbage collector deletes it with the target, so the operator needs no delete permission).
 * The whole object is replaced (PUT with the stored resourceVersion), so results are never appended, and only
 * when a result or the summary changed (timestamps aside): what was written is remembered, and read back once
 * per target after a start. A Report of that name the target does not own is left alone, with one warning.
 */
public final class OpenReportsWriter implements TargetReports {
  private static final Logger log = LoggerFactory.getLogger(OpenReportsWriter.class);
  static final ResourceDefinitionContext REPORTS = new ResourceDefinitionContext.Builder()
      .withGroup("openreports.io").withVersion(OpenReportsApi.VERSION).withKind("Report").withPlural("reports").withNamespaced(true).build();
  static final String MANAGED_BY = "mlops-maturity-operator";
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  /** What the API server holds for a target: its content (null when unreadable) and version, or a foreign Report. */
  private record Stored(OpenReport report, String resourceVersion, boolean foreign) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final OpenReportsApi api;
  private final Map<String, Stored> stored = new ConcurrentHashMap<>();

  public OpenReportsWriter(KubernetesClient client, Clock clock) {
    this(client, clock, OpenReportsApi.RECHECK);
  }

  OpenReportsWriter(KubernetesClient client, Clock clock, Duration recheck) {
    this.client = client;
    this.clock = clock;
    this.api = new OpenReportsApi(client, clock, recheck, stored::clear);
  }

  @Override
  public void write(MaturityTarget target, Observation evaluation) {
    if (!api.available()) {
      return;
    }
    String key = key(target);
    try {
      if (!writeOnce(target, evaluation)) {
        // a conflict: someone else wrote it since; read it again and retry once
        stored.remove(key);
        if (!writeOnce(target, evaluation)) {
          log.warn("{}: its Report changed twice under a write; trying again at the next evaluation", key);
        }
      }
    } catch (KubernetesClientException e) {
      stored.remove(key);
      if (e.getCode() == 404 || e.getCode() == 403) {
        api.lost(e.getCode() == 404 ? "the API server does not serve openreports.io/v1alpha1 reports (HTTP 404)"
            : "writing Reports is forbidden (HTTP 403): grant get/create/update on openreports.io reports");
      } else {
        log.warn("{}: cannot write its Report: {}", key, EvaluationFailure.describe(e));
      }
    }
  }

  @Override
  public void forget(MaturityTarget target) {
    stored.remove(key(target));
  }

  /** False on a conflict (409). */
  private boolean writeOnce(MaturityTarget target, Observation evaluation) {
    String key = key(target);
    Stored before = stored.containsKey(key) ? stored.get(key) : read(target);
    if (before != null && before.foreign()) {
      stored.put(key, before);
      return true;
    }
    OpenReport previous = before == null ? null : before.report();
    OpenReport next = content(target, evaluation).since(previous);
    if (next.sameAs(previous)) {
      stored.put(key, before);
      return true;
    }
    GenericKubernetesResource report = resource(target, next, before == null ? null : before.resourceVersion());
    try {
      GenericKubernetesResource written = before == null
          ? client.genericKubernetesResources(REPORTS).inNamespace(namespace(target)).resource(report).create()
          : client.genericKubernetesResources(REPORTS).inNamespace(namespace(target)).resource(report).update();
      stored.put(key, new Stored(next, written.getMetadata().getResourceVersion(), false));
      log.debug("{}: Report written ({})", key, next.summary());
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  private OpenReport content(MaturityTarget target, Observation evaluation) {
    return evaluation.assessment().map(a -> ReportMapping.of(a, clock.instant()))
        .orElseGet(() -> ReportMapping.invalid(target.getSpec() == null ? null : target.getSpec().model, evaluation.problems(),
            clock.instant()));
  }

  private Stored read(MaturityTarget target) {
    GenericKubernetesResource existing = client.genericKubernetesResources(REPORTS).inNamespace(namespace(target))
        .withName(target.getMetadata().getName()).get();
    if (existing == null) {
      return null;
    }
    String version = existing.getMetadata().getResourceVersion();
    List<OwnerReference> owners = existing.getMetadata().getOwnerReferences();
    boolean ours = owners != null && owners.stream()
        .anyMatch(o -> target.getKind().equals(o.getKind()) && target.getMetadata().getName().equals(o.getName()));
    if (!ours) {
      log.warn("{}: a Report of that name exists and is not owned by the MaturityTarget; it is left alone", key(target));
      return new Stored(null, version, true);
    }
    try {
      Map<String, Object> body = existing.getAdditionalProperties();
      List<ReportResult> results = JSON.convertValue(body.getOrDefault("results", List.of()), new TypeReference<List<ReportResult>>() {});
      ReportSummary summary = JSON.convertValue(body.get("summary"), ReportSummary.class);
      return new Stored(new OpenReport(String.valueOf(body.get("source")), results, summary), version, false);
    } catch (IllegalArgumentException | NullPointerException e) {
      // not in the shape we write: replaced by the next write
      return new Stored(null, version, false);
    }
  }

  GenericKubernetesResource resource(MaturityTarget target, OpenReport content, String resourceVersion) {
    Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", MANAGED_BY);
    GenericKubernetesResourceBuilder builder = new GenericKubernetesResourceBuilder()
        .withApiVersion(REPORTS.getGroup() + "/" + REPORTS.getVersion()).withKind(REPORTS.getKind())
        .withNewMetadata().withName(target.getMetadata().getName()).withNamespace(namespace(target))
        .withResourceVersion(resourceVersion).withLabels(labels)
        .withOwnerReferences(target.getMetadata().getUid() == null ? List.of() : List.of(new OwnerReferenceBuilder()
            .withApiVersion(target.getApiVersion()).withKind(target.getKind()).withName(target.getMetadata().getName())
            .withUid(target.getMetadata().getUid()).withController(true).build()))
        .endMetadata();
    GenericKubernetesResource report = builder.build();
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("apiVersion", target.getApiVersion());
    scope.put("kind", target.getKind());
    scope.put("namespace", namespace(target));
    scope.put("name", target.getMetadata().getName());
    if (target.getMetadata().getUid() != null) {
      scope.put("uid", target.getMetadata().getUid());
    }
    report.setAdditionalProperty("source", content.source());
    report.setAdditionalProperty("scope", scope);
    report.setAdditionalProperty("summary", JSON.convertValue(content.summary(), Map.class));
    report.setAdditionalProperty("results", JSON.convertValue(content.results(), List.class));
    return report;
  }

  private static String namespace(MaturityTarget target) {
    return target.getMetadata().getNamespace();
  }

  private static String key(MaturityTarget target) {
    return namespace(target) + "/" + target.getMetadata().getName();
  }
}
