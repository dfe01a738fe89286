package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Exercise;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.mlflow.MlflowApi.ModelVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * model-versioning (PROBES.md b.3): at least two immutable versions, or one READY version pinned by
 * the champion alias; serving that follows a floating path ({@code .../latest}) defeats it. The newest
 * registered version's creation time is when it was last exercised.
 */
public final class ModelVersioningProbe extends AbstractProbe {
  public static final String CAPABILITY = "model-versioning";

  public ModelVersioningProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.INFERENCE_SERVICE));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    if (ctx.target() != null) {
      // Optional extra: only a served, readable listing can show a floating path.
      Listing services = ctx.bound(KindCatalogue.INFERENCE_SERVICE);
      List<String> floating = new ArrayList<>();
      for (GenericKubernetesResource isvc : services.items()) {
        if (storageUris(isvc).stream().anyMatch(ModelVersioningProbe::floating)) {
          floating.add(ProbeContext.ref(isvc));
        }
      }
      if (!floating.isEmpty()) {
        return scan.refute("serving follows a floating path (storageUri ends in /latest): " + String.join(", ", floating), floating)
            .verdict("", "");
      }
    }
    TargetRegistry registry = TargetRegistry.open(ctx, scan);
    if (registry == null) {
      return scan.verdict("", "");
    }
    Answer<List<ModelVersion>> versions = registry.api().modelVersions(registry.model());
    if (versions instanceof Answer.NotFound<List<ModelVersion>>) {
      return scan.refute("model " + registry.model() + " is not registered", List.of()).verdict("", "");
    }
    if (!(versions instanceof Answer.Ok<List<ModelVersion>> all)) {
      return TargetRegistry.failed(scan, "model-versions/search", versions);
    }
    List<ModelVersion> list = all.value();
    if (list.isEmpty()) {
      return scan.refute("model " + registry.model() + " has no registered versions", List.of()).verdict("", "");
    }
    scan.exercised(lastRegistered(registry, list));
    if (list.size() >= 2) {
      return scan.found(List.of(registry.versionRef("model-versions/search", list.get(0)), registry.versionRef("model-versions/search",
          list.get(1))))
          .verdict(list.size() + (list.size() == 50 ? "+" : "") + " versions of " + registry.model() + " are registered", "");
    }
    // Search results may carry empty aliases (MLflow #16734): ask the alias endpoint.
    Answer<ModelVersion> champion = registry.api().alias(registry.model(), registry.championAlias());
    if (champion instanceof Answer.NotFound<ModelVersion>) {
      return scan.refute("model " + registry.model() + " has a single version and no '" + registry.championAlias() + "' alias",
          List.of(registry.versionRef("model-versions/search", list.get(0))))
          .verdict("", "");
    }
    if (!(champion instanceof Answer.Ok<ModelVersion> pinned)) {
      return TargetRegistry.failed(scan, "registered-models/alias", champion);
    }
    ModelVersion v = pinned.value();
    boolean ready = v.status() == null
        ? list.stream().anyMatch(x -> x.ready() && x.version() != null && x.version().equals(v.version()))
        : v.ready();
    if (!ready) {
      return scan.refute("alias '" + registry.championAlias() + "' points at version " + TargetRegistry.id(v.version())
          + ", which is not READY", List.of(registry.aliasRef(v)))
          .verdict("", "");
    }
    return scan.found(List.of(registry.aliasRef(v)))
        .verdict("version " + TargetRegistry.id(v.version()) + " of " + registry.model() + " is pinned by alias '"
            + registry.championAlias() + "'", "");
  }

  /**
   * The newest usable version's {@code creation_timestamp}: registering a version is when versioning last
   * ran (OSS MLflow aliases carry no time of their move, PROBES.md b.22). FAILED_REGISTRATION does not count.
   */
  static Exercise lastRegistered(TargetRegistry registry, List<ModelVersion> versions) {
    Exercise newest = Exercise.never();
    for (ModelVersion v : versions) {
      if (v.creationTimestamp() != null && (v.status() == null || v.ready())) {
        newest = newest.newest(Exercise.at(Instant.ofEpochMilli(v.creationTimestamp()), registry.versionRef("model-versions/search", v)));
      }
    }
    return newest;
  }

  /** spec.predictor.model.storageUri, and the pre-0.8 framework form spec.predictor.&lt;framework&gt;.storageUri. */
  static List<String> storageUris(GenericKubernetesResource isvc) {
    List<String> uris = new ArrayList<>();
    Fields.map(isvc, "spec", "predictor").ifPresent(predictor -> {
      for (Map.Entry<String, Object> e : predictor.entrySet()) {
        Fields.string(e.getValue(), "storageUri").ifPresent(uris::add);
      }
    });
    return uris;
  }

  static boolean floating(String uri) {
    String u = uri.trim().toLowerCase(Locale.ROOT);
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u.endsWith("/latest");
  }
}
