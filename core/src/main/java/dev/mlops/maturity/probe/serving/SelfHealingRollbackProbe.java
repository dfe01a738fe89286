package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code self-healing-rollback} (PROBES.md b.28, e): a failure rolls traffic or the release back without
 * a human. Providers: an Argo Rollouts analysis (canary steps, background, or blue-green pre/post
 * promotion) whose template exists and has a metric that can fail; an active Flagger Canary with a
 * failed-check threshold and at least one metric or webhook; a Flux HelmRelease owning a serving object
 * whose upgrade remediation rolls back a failed release (on failed release only, said in the message).
 * A Rollout abort (c.8) or a Failed Flagger Canary is added as evidence that the rollback was
 * exercised. Argo CD selfHeal, a PodDisruptionBudget and a Deployment's progressDeadlineSeconds are not
 * rollback and are not read.
 */
public final class SelfHealingRollbackProbe extends AbstractProbe {
  public static final String CAPABILITY = "self-healing-rollback";

  public SelfHealingRollbackProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.ROLLOUT, KindCatalogue.ANALYSIS_TEMPLATE, KindCatalogue.CLUSTER_ANALYSIS_TEMPLATE, KindCatalogue.FLAGGER_CANARY, KindCatalogue.DEPLOYMENT,
        KindCatalogue.FLUX_HELM_RELEASE, KindCatalogue.STATEFUL_SET, KindCatalogue.INFERENCE_SERVICE, KindCatalogue.SELDON_MODEL, KindCatalogue.SELDON_EXPERIMENT));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ServingScan scan = new ServingScan(ctx, CAPABILITY);
    Templates templates = new Templates(scan);
    scan.rollouts().forEach(r -> rollout(r, templates, scan));
    scan.flaggerCanaries().forEach(c -> flagger(c, scan));
    scan.helmReleases().forEach(h -> helmRelease(h, scan));
    return scan.verdict("no automatic rollback for the workload (Argo Rollouts analysis with failure conditions, "
        + "Flagger analysis threshold or Flux HelmRelease upgrade remediation)");
  }

  private static void rollout(GenericKubernetesResource r, Templates templates, ServingScan scan) {
    RolloutStrategy strategy = new RolloutStrategy(r);
    String name = ServingScan.name(r);
    List<RolloutStrategy.TemplateRef> refs = strategy.analysisTemplates();
    if (refs.isEmpty()) {
      scan.seen("Rollout " + name + " runs no analysis");
      return;
    }
    List<String> failing = new ArrayList<>();
    for (RolloutStrategy.TemplateRef ref : refs) {
      String kind = ref.clusterScope() ? "ClusterAnalysisTemplate " : "AnalysisTemplate ";
      Optional<GenericKubernetesResource> template = templates.find(ref);
      if (template.isEmpty()) {
        scan.seen("Rollout " + name + ": " + kind + ref.name() + " not found");
        continue;
      }
      List<String> metrics = AnalysisTemplateMetrics.failing(template.get(), ref.dryRunMetrics());
      if (metrics.isEmpty()) {
        scan.seen("Rollout " + name + ": " + kind + ref.name() + " has no metric that can fail (failureCondition, successCondition, failureLimit)");
      } else {
        failing.add(ref.name() + " (" + String.join(", ", metrics) + ")");
      }
    }
    if (!failing.isEmpty()) {
      scan.found(r, "Rollout " + name + " aborts on failed analysis " + String.join(", ", failing));
      strategy.abort().ifPresent(a -> scan.alsoSaw(ProbeContext.ref(r) + " " + a));
    }
  }

  private static void flagger(GenericKubernetesResource c, ServingScan scan) {
    FlaggerAnalysis analysis = new FlaggerAnalysis(c);
    String name = ServingScan.name(c);
    if (analysis.suspended()) {
      scan.seen("Flagger Canary " + name + " is suspended (spec.suspend: true)");
      return;
    }
    if (!analysis.present() || analysis.skipped()) {
      scan.seen("Flagger Canary " + name + (analysis.skipped() ? " skips analysis" : " has no analysis"));
      return;
    }
    Optional<Double> threshold = analysis.threshold();
    List<String> checks = analysis.checks();
    if (threshold.isPresent() && !checks.isEmpty()) {
      scan.found(c, "Flagger Canary " + name + " rolls back after " + threshold.get().longValue() + " failed checks of " + String.join(", ", checks));
      analysis.phase().filter("Failed"::equals).ifPresent(p -> scan.alsoSaw(ProbeContext.ref(c) + " phase Failed (rolled back)"));
    } else {
      scan.seen("Flagger Canary " + name + " has " + (threshold.isEmpty() ? "no threshold" : "no metrics or webhooks"));
    }
  }

  private static void helmRelease(GenericKubernetesResource h, ServingScan scan) {
    HelmRemediation remediation = new HelmRemediation(h);
    String name = "HelmRelease " + h.getMetadata().getNamespace() + "/" + ServingScan.name(h);
    if (remediation.suspended()) {
      scan.seen(name + " is suspended (spec.suspend: true)");
    } else if (remediation.rollsBack()) {
      scan.found(h, name + " rolls back a failed Helm upgrade (upgrade.remediation strategy rollback, " + remediation.retriesText()
          + "): on failed release only, not on runtime health or analysis");
    } else {
      scan.seen(name + ": " + remediation.whyNot());
    }
  }

  /** Analysis templates, each kind read once and only when a Rollout names one. */
  private static final class Templates {
    private final ServingScan scan;
    private Map<String, GenericKubernetesResource> namespaced;
    private Map<String, GenericKubernetesResource> clusterScoped;

    Templates(ServingScan scan) {
      this.scan = scan;
    }

    Optional<GenericKubernetesResource> find(RolloutStrategy.TemplateRef ref) {
      if (ref.clusterScope()) {
        if (clusterScoped == null) {
          clusterScoped = byName(scan.clusterWide(KindCatalogue.CLUSTER_ANALYSIS_TEMPLATE));
        }
        return Optional.ofNullable(clusterScoped.get(ref.name()));
      }
      if (namespaced == null) {
        namespaced = byName(scan.inNamespace(KindCatalogue.ANALYSIS_TEMPLATE));
      }
      return Optional.ofNullable(namespaced.get(ref.name()));
    }

    private static Map<String, GenericKubernetesResource> byName(List<GenericKubernetesResource> items) {
      return items.stream().collect(Collectors.toMap(ServingScan::name, Function.identity(), (a, b) -> a));
    }
  }
}
