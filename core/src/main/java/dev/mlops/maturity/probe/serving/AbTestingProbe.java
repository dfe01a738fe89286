package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ab-testing} (PROBES.md b.20): two or more variants receive real traffic at the same time.
 * Providers: a ready Seldon Experiment with two weighted candidates; a Flagger Canary with match
 * rules and iterations (not suspended); an Argo Rollouts setHeaderRoute step (or a weighted experiment
 * step); an Istio VirtualService or Gateway API HTTPRoute rule split between two backends. A Seldon
 * Experiment with one candidate and a mirror is shadow, not A/B.
 */
public final class AbTestingProbe extends AbstractProbe {
  public static final String CAPABILITY = "ab-testing";

  public AbTestingProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.SELDON_EXPERIMENT, KindCatalogue.FLAGGER_CANARY, KindCatalogue.DEPLOYMENT, KindCatalogue.ROLLOUT, KindCatalogue.VIRTUAL_SERVICE,
        KindCatalogue.HTTP_ROUTE, KindCatalogue.SERVICE));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ServingScan scan = new ServingScan(ctx, CAPABILITY);
    for (GenericKubernetesResource e : scan.seldonExperiments()) {
      SeldonExperiment experiment = new SeldonExperiment(e);
      List<String> candidates = experiment.weightedCandidates();
      String name = ServingScan.name(e);
      if (candidates.size() < 2) {
        scan.seen("Seldon Experiment " + name + " has " + candidates.size() + " candidate(s) with weight > 0"
            + experiment.mirror().map(m -> " and mirrors to " + m + " (shadow, not A/B)").orElse(""));
      } else if (!experiment.ready()) {
        scan.seen("Seldon Experiment " + name + " is not ready (ExperimentReady not True)");
      } else {
        scan.found(e, "Seldon Experiment " + name + " splits " + String.join(" / ", candidates));
      }
    }
    for (GenericKubernetesResource c : scan.flaggerCanaries()) {
      FlaggerAnalysis analysis = new FlaggerAnalysis(c);
      Optional<Double> iterations = analysis.iterations();
      String name = ServingScan.name(c);
      if (analysis.matches() && analysis.suspended()) {
        scan.seen("Flagger Canary " + name + " has match rules but is suspended (spec.suspend: true)");
      } else if (analysis.matches() && iterations.isPresent() && !analysis.skipped()) {
        scan.found(c, "Flagger Canary " + name + " A/B match rules for " + iterations.get().longValue() + " iterations");
      } else if (analysis.matches()) {
        scan.seen("Flagger Canary " + name + " has match rules but " + (analysis.skipped() ? "skips analysis" : "no iterations"));
      }
    }
    Map<String, String> rolloutRoutes = new HashMap<>();
    for (GenericKubernetesResource r : scan.rollouts()) {
      RolloutStrategy strategy = new RolloutStrategy(r);
      strategy.gatewayApiRoutes().forEach(route -> rolloutRoutes.put(route, ServingScan.name(r)));
      List<String> headerRoutes = strategy.headerRoutes();
      List<String> experiments = strategy.weightedExperimentTemplates();
      if (!headerRoutes.isEmpty()) {
        scan.found(r, "Rollout " + ServingScan.name(r) + " setHeaderRoute " + String.join(", ", headerRoutes));
      } else if (!experiments.isEmpty()) {
        scan.found(r, "Rollout " + ServingScan.name(r) + " experiment " + String.join(", ", experiments));
      }
    }
    for (GenericKubernetesResource vs : scan.virtualServices()) {
      List<String> splits = new IstioRoutes(vs).weightedSplits();
      if (!splits.isEmpty()) {
        scan.found(vs, "VirtualService " + ServingScan.name(vs) + " " + splits.get(0));
      }
    }
    for (GenericKubernetesResource route : scan.httpRoutes()) {
      List<String> splits = new GatewayRoutes(route).weightedSplits();
      String rollout = rolloutRoutes.get("HTTPRoute " + route.getMetadata().getNamespace() + "/" + ServingScan.name(route));
      if (rollout != null) {
        // The gatewayAPI plugin splits this route only while a rollout runs: a canary step, not an A/B test.
        scan.seen("HTTPRoute " + ServingScan.name(route) + " is weighted by Rollout " + rollout + " (canary steps, not an A/B test)");
      } else if (!splits.isEmpty()) {
        scan.found(route, "HTTPRoute " + ServingScan.name(route) + " " + splits.get(0));
      }
    }
    return scan.verdict("no A/B split for the workload (Seldon Experiment, Flagger match, Rollout setHeaderRoute, "
        + "Istio or Gateway API weighted routes)");
  }
}
