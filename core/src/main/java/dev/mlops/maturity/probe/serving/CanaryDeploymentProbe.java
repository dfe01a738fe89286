package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code canary-deployment} (PROBES.md b.18): traffic shifts to a new version in steps. Providers:
 * an Argo Rollouts canary with a partial setWeight step or traffic routing (blue-green is not
 * canary); a Flagger Canary with step/max weights and no match rules (match means A/B); a KServe
 * InferenceService with a partial canaryTrafficPercent or two revisions serving traffic; an Istio
 * VirtualService splitting one route between two destinations.
 */
public final class CanaryDeploymentProbe extends AbstractProbe {
  public static final String CAPABILITY = "canary-deployment";

  public CanaryDeploymentProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.ROLLOUT, KindCatalogue.FLAGGER_CANARY, KindCatalogue.DEPLOYMENT, KindCatalogue.INFERENCE_SERVICE, KindCatalogue.VIRTUAL_SERVICE));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ServingScan scan = new ServingScan(ctx, CAPABILITY);
    scan.rollouts().forEach(r -> rollout(r, scan));
    scan.flaggerCanaries().forEach(c -> flagger(c, scan));
    scan.inferenceServices().forEach(i -> kserve(i, scan));
    for (GenericKubernetesResource vs : scan.virtualServices()) {
      List<String> splits = new IstioRoutes(vs).weightedSplits();
      if (!splits.isEmpty()) {
        scan.found(vs, "VirtualService " + ServingScan.name(vs) + " " + splits.get(0));
      }
    }
    return scan.verdict("no canary rollout for the workload (Argo Rollouts canary, Flagger Canary, KServe canaryTrafficPercent or Istio weighted routes)");
  }

  private static void rollout(GenericKubernetesResource r, ServingScan scan) {
    RolloutStrategy strategy = new RolloutStrategy(r);
    String name = ServingScan.name(r);
    if (!strategy.canary()) {
      scan.seen("Rollout " + name + (strategy.blueGreen() ? " uses blueGreen, not canary" : " has no canary strategy"));
      return;
    }
    List<Double> weights = strategy.partialWeights();
    List<String> routers = strategy.trafficRouters();
    if (!weights.isEmpty()) {
      scan.found(r, "Rollout " + name + " canary steps " + String.join(", ", weights.stream().map(TrafficWeight::format).toList()));
    } else if (!routers.isEmpty()) {
      scan.found(r, "Rollout " + name + " canary with " + String.join("/", routers) + " traffic routing");
    } else {
      scan.seen("Rollout " + name + " canary has no setWeight step between 0 and 100 and no traffic routing");
    }
  }

  private static void flagger(GenericKubernetesResource c, ServingScan scan) {
    FlaggerAnalysis analysis = new FlaggerAnalysis(c);
    String name = ServingScan.name(c);
    if (analysis.skipped()) {
      scan.seen("Flagger Canary " + name + " skips analysis");
      return;
    }
    if (analysis.matches()) {
      scan.seen("Flagger Canary " + name + " has match rules (A/B testing, not canary)");
      return;
    }
    Optional<String> schedule = analysis.weightSchedule();
    if (schedule.isPresent()) {
      scan.found(c, "Flagger Canary " + name + " " + schedule.get());
    } else {
      scan.seen("Flagger Canary " + name + " sets no stepWeight, stepWeights or maxWeight (blue/green)");
    }
  }

  private static void kserve(GenericKubernetesResource isvc, ServingScan scan) {
    KServeTraffic traffic = new KServeTraffic(isvc);
    String name = ServingScan.name(isvc);
    Optional<Double> percent = traffic.canaryTrafficPercent();
    List<String> revisions = traffic.servingRevisions();
    List<String> entries = traffic.canaryEntries();
    if (revisions.size() >= 2) {
      scan.found(isvc, "InferenceService " + name + " serves " + String.join(", ", revisions));
    } else if (!entries.isEmpty()) {
      scan.found(isvc, "InferenceService " + name + " " + String.join(", ", entries));
    } else if (percent.filter(TrafficWeight::partial).isPresent() && !traffic.ignoresCanaryPercent()) {
      scan.found(isvc, "InferenceService " + name + " canaryTrafficPercent " + TrafficWeight.format(percent.get()));
    } else if (percent.isPresent()) {
      scan.seen("InferenceService " + name + " canaryTrafficPercent " + TrafficWeight.format(percent.get())
          + (traffic.ignoresCanaryPercent() ? " is ignored in " + traffic.deploymentMode().orElse("") + " mode" : " is not a partial split"));
    }
  }
}
