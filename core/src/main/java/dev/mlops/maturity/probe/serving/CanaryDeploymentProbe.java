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
 * {@code canary-deployment} (PROBES.md b.18, e): traffic shifts to a new version in steps. Providers:
 * an Argo Rollouts canary with a partial setWeight step, or with traffic routing and either no steps or
 * a traffic step (blue-green is not canary; steps that are only pause shift nothing; with the
 * gatewayAPI plugin the Rollout is the evidence, its HTTPRoute rests at 100/0); an active Flagger
 * Canary with step/max weights and no match rules (match means A/B; {@code suspend: true} is not
 * active); a KServe InferenceService with a partial canaryTrafficPercent in Knative mode, a
 * {@code spec.canary[]} entry or two revisions serving traffic; a ready Seldon Core 2 Experiment with
 * two or more weighted candidates; an Istio VirtualService or Gateway API HTTPRoute splitting one
 * route between two backends. When it was last exercised: see {@link CanaryRuns}.
 */
public final class CanaryDeploymentProbe extends AbstractProbe {
  public static final String CAPABILITY = "canary-deployment";

  public CanaryDeploymentProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.ROLLOUT, KindCatalogue.FLAGGER_CANARY, KindCatalogue.DEPLOYMENT, KindCatalogue.INFERENCE_SERVICE, KindCatalogue.VIRTUAL_SERVICE,
        KindCatalogue.SELDON_EXPERIMENT, KindCatalogue.HTTP_ROUTE, KindCatalogue.SERVICE, KindCatalogue.ANALYSIS_RUN));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ServingScan scan = new ServingScan(ctx, CAPABILITY);
    List<GenericKubernetesResource> rollouts = scan.rollouts();
    List<GenericKubernetesResource> canaries = scan.flaggerCanaries();
    rollouts.forEach(r -> rollout(r, scan));
    canaries.forEach(c -> flagger(c, scan));
    scan.exercised(CanaryRuns.of(ctx, rollouts.stream().filter(r -> new RolloutStrategy(r).canary()).toList(),
        canaries.stream().filter(c -> !new FlaggerAnalysis(c).suspended()).toList()));
    scan.inferenceServices().forEach(i -> kserve(i, scan));
    for (GenericKubernetesResource vs : scan.virtualServices()) {
      List<String> splits = new IstioRoutes(vs).weightedSplits();
      if (!splits.isEmpty()) {
        scan.found(vs, "VirtualService " + ServingScan.name(vs) + " " + splits.get(0));
      }
    }
    scan.seldonExperiments().forEach(e -> seldon(e, scan));
    for (GenericKubernetesResource route : scan.httpRoutes()) {
      List<String> splits = new GatewayRoutes(route).weightedSplits();
      if (!splits.isEmpty()) {
        scan.found(route, "HTTPRoute " + ServingScan.name(route) + " " + splits.get(0));
      } else {
        scan.seen("HTTPRoute " + ServingScan.name(route) + " sends all traffic to one backend (a 100/0 split is not a canary)");
      }
    }
    return scan.verdict("no canary rollout for the workload (Argo Rollouts canary, Flagger Canary, KServe canary, "
        + "Seldon Experiment, Istio or Gateway API weighted routes)");
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
    String routing = routers.isEmpty() ? "" : " via " + String.join("/", routers) + routes(strategy);
    if (!weights.isEmpty()) {
      scan.found(r, "Rollout " + name + " canary steps " + String.join(", ", weights.stream().map(TrafficWeight::format).toList()) + routing);
    } else if (strategy.hasSteps() && !strategy.hasTrafficStep()) {
      scan.seen("Rollout " + name + " canary has no setWeight step between 0 and 100 (its steps are only "
          + String.join(", ", strategy.stepKinds()) + ": no traffic shifts to the canary)");
    } else if (!routers.isEmpty()) {
      scan.found(r, "Rollout " + name + " canary with " + String.join("/", routers) + " traffic routing" + routes(strategy));
    } else {
      scan.seen("Rollout " + name + " canary has no setWeight step between 0 and 100 and no traffic routing");
    }
  }

  // The gatewayAPI plugin rewrites these routes' weights only while a rollout runs; at rest they read 100/0.
  private static String routes(RolloutStrategy strategy) {
    List<String> routes = strategy.gatewayApiRoutes();
    return routes.isEmpty() ? "" : " (" + String.join(", ", routes) + ", at 100/0 between rollouts)";
  }

  private static void seldon(GenericKubernetesResource e, ServingScan scan) {
    SeldonExperiment experiment = new SeldonExperiment(e);
    List<String> candidates = experiment.weightedCandidates();
    String name = ServingScan.name(e);
    if (candidates.size() >= 2 && experiment.ready()) {
      scan.found(e, "Seldon Experiment " + name + " splits " + String.join(" / ", candidates));
    } else if (candidates.size() >= 2) {
      scan.seen("Seldon Experiment " + name + " is not ready (ExperimentReady not True)");
    } else {
      scan.seen("Seldon Experiment " + name + " has " + candidates.size() + " weighted candidate(s)"
          + experiment.mirror().map(m -> " and mirrors to " + m + " (shadow, not canary)").orElse(""));
    }
  }

  private static void flagger(GenericKubernetesResource c, ServingScan scan) {
    FlaggerAnalysis analysis = new FlaggerAnalysis(c);
    String name = ServingScan.name(c);
    if (analysis.suspended()) {
      scan.seen("Flagger Canary " + name + " is suspended (spec.suspend: true)");
      return;
    }
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
