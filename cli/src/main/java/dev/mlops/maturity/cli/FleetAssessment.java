package dev.mlops.maturity.cli;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ClusterModels;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.cluster.DirectClusterView;
import dev.mlops.maturity.config.InvalidConfigException;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.external.SecretTokenResolver;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.ProbeSet;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code assess --contexts a,b} / {@code --all-contexts}: the one-shot assessment of every named kubeconfig
 * context, printed as one table whose first column is the context (CLUSTER). A context that cannot be read
 * is reported on stderr and the others are still assessed (exit 2 at the end).
 */
final class FleetAssessment {
  /** One cluster's target. */
  record Row(String cluster, TargetAssessment target) {}

  private final Path kubeconfig;
  private final OperatorConfig config;
  private final String namespace;
  private final Clock clock = Clock.systemUTC();

  FleetAssessment(Path kubeconfig, OperatorConfig config, String namespace) {
    this.kubeconfig = kubeconfig;
    this.config = config;
    this.namespace = namespace;
  }

  /** The kubeconfig's context names, in file order. */
  static List<String> allContexts(Path kubeconfig) throws InvalidConfigException {
    Config c = ClusterConnection.config(kubeconfig);
    List<NamedContext> contexts = c.getContexts() == null ? List.of() : c.getContexts();
    if (contexts.isEmpty()) {
      throw new InvalidConfigException("the kubeconfig has no contexts");
    }
    return contexts.stream().map(NamedContext::getName).toList();
  }

  private String masterUrl(String context) {
    try {
      return ClusterConnection.config(kubeconfig, context).getMasterUrl();
    } catch (InvalidConfigException e) {
      return "context " + context;
    }
  }

  /** Prints the table; returns 0, 1 when a target is below {@code failBelow}, 2 when a context failed. */
  int run(List<String> contexts, Integer failBelow, PrintWriter out, PrintWriter err) {
    List<Row> rows = new ArrayList<>();
    boolean failed = false;
    for (String context : contexts) {
      try {
        assess(context).forEach(t -> rows.add(new Row(context, t)));
      } catch (InvalidConfigException e) {
        err.println("error: context " + context + ": " + e.getMessage());
        failed = true;
      } catch (KubernetesClientException e) {
        err.println("error: context " + context + ": " + ConnectionFailure.describe(masterUrl(context), e));
        failed = true;
      }
    }
    out.print(table(rows));
    out.flush();
    List<Row> below = failBelow == null ? List.of() : rows.stream()
        .filter(r -> r.target().assessment().map(a -> a.observedLevel() < failBelow).orElse(true)).toList();
    below.forEach(r -> err.printf("below level %d: %s %s/%s%n", failBelow, r.cluster(), r.target().namespace(), r.target().name()));
    err.flush();
    return failed ? 2 : below.isEmpty() ? 0 : 1;
  }

  private List<TargetAssessment> assess(String context) throws InvalidConfigException {
    Config clientConfig = ClusterConnection.oneShot(kubeconfig, context);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build()) {
      DirectClusterView cluster = new DirectClusterView(client);
      var resources = client.resources(MaturityTarget.class);
      List<MaturityTarget> targets = new ArrayList<>(namespace == null
          ? resources.inAnyNamespace().list().getItems() : resources.inNamespace(namespace).list().getItems());
      targets.sort(Comparator.comparing((MaturityTarget t) -> t.getMetadata().getNamespace()).thenComparing(t -> t.getMetadata().getName()));
      String own = ClusterConnection.ownNamespace(clientConfig);
      ExternalSources external = HttpExternalSources.create(config, new SecretTokenResolver(client, own == null ? "default" : own, clock), clock);
      TargetAssessor assessor = new TargetAssessor(new EvidenceCollector(ProbeSet.standard(), config.thresholds(), clock), clock);
      ClusterModels models = new ClusterModels(BuiltInModels.load(), cluster);
      Map<String, Evidence> platform = assessor.platformEvidence(cluster, external);
      List<TargetAssessment> out = new ArrayList<>();
      for (MaturityTarget t : targets) {
        out.add(assessor.assess(t, models, cluster, external, platform, PreviousEvaluation.NONE));
      }
      return out;
    }
  }

  static String table(List<Row> rows) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"CLUSTER", "NAMESPACE", "NAME", "MODEL", "TARGET", "OBSERVED", "LEVEL", "TARGET-MET"});
    for (Row r : rows) {
      TargetAssessment t = r.target();
      LevelOutcome a = t.assessment().orElse(null);
      lines.add(new String[] {r.cluster(), t.namespace(), t.name(), t.model(), String.valueOf(t.targetLevel()),
          a == null ? "-" : String.valueOf(a.observedLevel()), a == null ? "invalid" : a.observedLevelName(),
          a == null ? "-" : String.valueOf(a.targetMet())});
    }
    int[] widths = new int[lines.get(0).length];
    lines.forEach(l -> {
      for (int i = 0; i < l.length; i++) {
        widths[i] = Math.max(widths[i], l[i].length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        out.append(i == l.length - 1 ? l[i] : String.format("%-" + (widths[i] + 3) + "s", l[i]));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
