package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rollout strategy of an Argo Rollouts {@code Rollout} (argoproj.io/v1alpha1, PROBES.md b.18-b.20, b.28). */
record RolloutStrategy(GenericKubernetesResource rollout) {
  static final String GATEWAY_API_PLUGIN = "argoproj-labs/gatewayAPI";

  /** A reference from the Rollout to an analysis template, with the metric-name patterns it runs in dry-run. */
  record TemplateRef(String name, boolean clusterScope, List<String> dryRunMetrics) {}

  boolean canary() {
    return Fields.map(rollout, "spec", "strategy", "canary").isPresent();
  }

  boolean blueGreen() {
    return Fields.map(rollout, "spec", "strategy", "blueGreen").isPresent();
  }

  /** Canary {@code setWeight} steps strictly between 0 and 100, in step order. */
  List<Double> partialWeights() {
    List<Double> weights = new ArrayList<>();
    for (Object step : steps()) {
      TrafficWeight.at(step, "setWeight").filter(TrafficWeight::partial).ifPresent(weights::add);
    }
    return weights;
  }

  /**
   * The traffic routers configured for the canary (istio, nginx, alb, smi ...), empty when none. A plugin
   * is named by its plugin name, e.g. "argoproj-labs/gatewayAPI".
   */
  List<String> trafficRouters() {
    Map<String, Object> routing = Fields.map(rollout, "spec", "strategy", "canary", "trafficRouting").orElse(Map.of());
    List<String> routers = new ArrayList<>();
    routing.forEach((k, v) -> {
      if ("plugins".equals(k)) {
        Fields.map(routing, "plugins").ifPresent(p -> p.keySet().stream().filter(n -> p.get(n) != null).forEach(routers::add));
      } else if (!"managedRoutes".equals(k) && v != null) {
        routers.add(k);
      }
    });
    return routers;
  }

  /**
   * The routes the {@code argoproj-labs/gatewayAPI} plugin rewrites during a rollout ({@code httpRoute} or
   * {@code httpRoutes[].name}, likewise for gRPC/TCP/TLS routes), as "HTTPRoute fraud/fraud-detector".
   */
  List<String> gatewayApiRoutes() {
    Optional<Map<String, Object>> plugin = Fields.map(rollout, "spec", "strategy", "canary", "trafficRouting", "plugins", GATEWAY_API_PLUGIN);
    if (plugin.isEmpty()) {
      return List.of();
    }
    String ns = Fields.string(plugin.get(), "namespace").orElse(rollout.getMetadata().getNamespace());
    List<String> routes = new ArrayList<>();
    for (String kind : List.of("HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute")) {
      String key = kind.substring(0, kind.length() - "Route".length()).toLowerCase() + "Route";
      Fields.string(plugin.get(), key).ifPresent(n -> routes.add(kind + " " + ns + "/" + n));
      Fields.list(plugin.get(), key + "s").forEach(r -> Fields.string(r, "name").ifPresent(n -> routes.add(kind + " " + ns + "/" + n)));
    }
    return routes;
  }

  boolean hasSteps() {
    return !steps().isEmpty();
  }

  /**
   * Whether a step sends live traffic to the canary: a setWeight strictly between 0 and 100, a
   * setHeaderRoute or setMirrorRoute that creates a route, or an experiment with weighted templates. A
   * canary whose steps are only pause (or setCanaryScale, analysis, setWeight 0/100) shifts no traffic.
   */
  boolean hasTrafficStep() {
    return !partialWeights().isEmpty() || !headerRoutes().isEmpty() || !mirrorRoutes().isEmpty() || !weightedExperimentTemplates().isEmpty();
  }

  /** The kinds of the canary steps, each once in order of first appearance ("pause", "setCanaryScale" ...). */
  List<String> stepKinds() {
    List<String> kinds = new ArrayList<>();
    for (Object step : steps()) {
      if (step instanceof Map<?, ?> m) {
        m.keySet().stream().map(String::valueOf).filter(k -> !kinds.contains(k)).forEach(kinds::add);
      }
    }
    return kinds;
  }

  /** {@code setMirrorRoute} steps that create a route (non-empty match) mirroring a non-zero percentage. */
  List<String> mirrorRoutes() {
    List<String> routes = new ArrayList<>();
    for (Object step : steps()) {
      Fields.map(step, "setMirrorRoute").ifPresent(m -> {
        boolean creates = !Fields.list(m, "match").isEmpty();
        double percentage = TrafficWeight.at(m, "percentage").orElse(100.0);
        if (creates && percentage > 0) {
          routes.add(Fields.string(m, "name").orElse("?") + " (" + TrafficWeight.format(percentage) + ")");
        }
      });
    }
    return routes;
  }

  /** {@code setHeaderRoute} steps that create a header-matched route to the canary (non-empty match). */
  List<String> headerRoutes() {
    List<String> routes = new ArrayList<>();
    for (Object step : steps()) {
      Fields.map(step, "setHeaderRoute").filter(m -> !Fields.list(m, "match").isEmpty())
          .ifPresent(m -> routes.add(Fields.string(m, "name").orElse("?")));
    }
    return routes;
  }

  /** {@code experiment} steps whose templates receive a share of real traffic ({@code weight} > 0). */
  List<String> weightedExperimentTemplates() {
    List<String> templates = new ArrayList<>();
    for (Object step : steps()) {
      for (Object t : Fields.list(step, "experiment", "templates")) {
        TrafficWeight.at(t, "weight").filter(w -> w > 0)
            .ifPresent(w -> templates.add(Fields.string(t, "name").orElse("?") + " " + TrafficWeight.format(w)));
      }
    }
    return templates;
  }

  /**
   * Analysis templates that can stop this Rollout: canary step analyses, the background canary
   * analysis, and blue-green pre/post-promotion analyses.
   */
  List<TemplateRef> analysisTemplates() {
    List<TemplateRef> refs = new ArrayList<>();
    for (Object step : steps()) {
      Fields.map(step, "analysis").ifPresent(a -> addRefs(a, refs));
    }
    Fields.map(rollout, "spec", "strategy", "canary", "analysis").ifPresent(a -> addRefs(a, refs));
    Fields.map(rollout, "spec", "strategy", "blueGreen", "prePromotionAnalysis").ifPresent(a -> addRefs(a, refs));
    Fields.map(rollout, "spec", "strategy", "blueGreen", "postPromotionAnalysis").ifPresent(a -> addRefs(a, refs));
    return refs;
  }

  /** The abort that shows an analysis rolled traffic back (PROBES.md b.28, c.8), if any. */
  Optional<String> abort() {
    Optional<String> reason = Fields.conditions(rollout).stream()
        .map(c -> Fields.string(c, "reason").orElse(""))
        .filter(r -> r.equals("RolloutAborted") || r.equals("AnalysisRunFailed")).findFirst();
    if (!Fields.isTrue(rollout, "status", "abort") && reason.isEmpty()) {
      return Optional.empty();
    }
    String at = Fields.string(rollout, "status", "abortedAt").map(t -> " at " + t).orElse("");
    return Optional.of("aborted (" + reason.orElse("RolloutAborted") + at + ")");
  }

  private List<Object> steps() {
    return Fields.list(rollout, "spec", "strategy", "canary", "steps");
  }

  private static void addRefs(Map<String, Object> analysis, List<TemplateRef> refs) {
    List<String> dryRun = Fields.list(analysis, "dryRun").stream()
        .map(d -> Fields.string(d, "metricName").orElse(null)).filter(n -> n != null).toList();
    for (Object t : Fields.list(analysis, "templates")) {
      Fields.string(t, "templateName").ifPresent(name -> refs.add(new TemplateRef(name, Fields.isTrue(t, "clusterScope"), dryRun)));
    }
  }
}
