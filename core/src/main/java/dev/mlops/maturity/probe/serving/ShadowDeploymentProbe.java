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
 * {@code shadow-deployment} (PROBES.md b.19): live traffic is mirrored to a candidate whose answers
 * are discarded. Providers: Istio VirtualService mirrors, Gateway API HTTPRoute {@code RequestMirror}
 * filters, Argo Rollouts setMirrorRoute steps, an active Flagger {@code analysis.mirror}, Seldon Core 2
 * Experiment {@code spec.mirror}.
 */
public final class ShadowDeploymentProbe extends AbstractProbe {
  public static final String CAPABILITY = "shadow-deployment";

  public ShadowDeploymentProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.VIRTUAL_SERVICE, KindCatalogue.ROLLOUT, KindCatalogue.FLAGGER_CANARY, KindCatalogue.DEPLOYMENT, KindCatalogue.SELDON_EXPERIMENT,
        KindCatalogue.HTTP_ROUTE, KindCatalogue.SERVICE));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ServingScan scan = new ServingScan(ctx, CAPABILITY);
    for (GenericKubernetesResource vs : scan.virtualServices()) {
      List<String> mirrors = new IstioRoutes(vs).mirrors();
      if (!mirrors.isEmpty()) {
        scan.found(vs, "VirtualService " + ServingScan.name(vs) + " " + mirrors.get(0));
      }
    }
    for (GenericKubernetesResource route : scan.httpRoutes()) {
      GatewayRoutes routes = new GatewayRoutes(route);
      List<String> mirrors = routes.mirrors();
      if (!mirrors.isEmpty()) {
        scan.found(route, "HTTPRoute " + ServingScan.name(route) + " " + mirrors.get(0));
      }
      routes.idleMirrors().forEach(m -> scan.seen("HTTPRoute " + ServingScan.name(route) + " " + m));
    }
    for (GenericKubernetesResource r : scan.rollouts()) {
      List<String> routes = new RolloutStrategy(r).mirrorRoutes();
      if (!routes.isEmpty()) {
        scan.found(r, "Rollout " + ServingScan.name(r) + " setMirrorRoute " + String.join(", ", routes));
      }
    }
    for (GenericKubernetesResource c : scan.flaggerCanaries()) {
      FlaggerAnalysis analysis = new FlaggerAnalysis(c);
      if (analysis.mirrors() && analysis.suspended()) {
        scan.seen("Flagger Canary " + ServingScan.name(c) + " mirrors but is suspended (spec.suspend: true)");
      } else if (analysis.mirrors() && !analysis.skipped()) {
        scan.found(c, "Flagger Canary " + ServingScan.name(c) + " mirrors traffic"
            + analysis.mirrorWeight().map(w -> " (mirrorWeight " + TrafficWeight.format(w) + ")").orElse(""));
      } else if (analysis.mirrors()) {
        scan.seen("Flagger Canary " + ServingScan.name(c) + " mirrors but skips analysis");
      }
    }
    for (GenericKubernetesResource e : scan.seldonExperiments()) {
      SeldonExperiment experiment = new SeldonExperiment(e);
      Optional<String> mirror = experiment.mirror();
      if (mirror.isPresent() && experiment.ready()) {
        scan.found(e, "Seldon Experiment " + ServingScan.name(e) + " mirrors to " + mirror.get());
      } else if (mirror.isPresent()) {
        scan.seen("Seldon Experiment " + ServingScan.name(e) + " mirror is not ready (ExperimentReady not True)");
      }
    }
    return scan.verdict("no traffic mirroring for the workload (Istio mirror, HTTPRoute RequestMirror, Rollout setMirrorRoute, "
        + "Flagger mirror or Seldon Experiment mirror)");
  }
}
