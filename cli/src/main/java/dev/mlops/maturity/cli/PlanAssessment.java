package dev.mlops.maturity.cli;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ClusterModels;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.cluster.DirectClusterView;
import dev.mlops.maturity.config.InvalidConfigException;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.OperatorConfigLoader;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.external.SecretReadingClient;
import dev.mlops.maturity.external.SecretTokenResolver;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.whatif.InvalidPlanException;
import dev.mlops.maturity.whatif.Plan;
import dev.mlops.maturity.whatif.PlanReader;
import dev.mlops.maturity.whatif.WhatIf;
import dev.mlops.maturity.whatif.WhatIfReport;
import dev.mlops.maturity.whatif.WhatIfResult;
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
import java.util.Set;

/**
 * {@code assess --plan DIR}: what the manifests in DIR would do to the targets' levels, read from the live cluster
 * (only GET requests: nothing is applied) with the plan overlaid. Exit 0; 1 when a target drops below its current
 * level or, after the plan, is below {@code --fail-below}; 2 when the plan, the configuration or the cluster cannot be read.
 */
final class PlanAssessment {
  static final Set<String> FORMATS = Set.of("table", "json", "markdown");

  private final Path kubeconfig;
  private final String context;
  private final Path config;
  private final String namespace;
  private final Path targetFile;
  private final Clock clock = Clock.systemUTC();

  PlanAssessment(Path kubeconfig, String context, Path config, String namespace, Path targetFile) {
    this.kubeconfig = kubeconfig;
    this.context = context;
    this.config = config;
    this.namespace = namespace;
    this.targetFile = targetFile;
  }

  int run(Path planPath, String format, Integer failBelow, PrintWriter out, PrintWriter err) {
    if (!FORMATS.contains(format)) {
      return fail(err, "--plan prints table, json or markdown, got -o " + format);
    }
    Config clientConfig;
    OperatorConfig operatorConfig;
    Plan plan;
    List<MaturityTarget> fromFile = null;
    try {
      operatorConfig = config == null ? OperatorConfig.EMPTY : OperatorConfigLoader.load(config);
      clientConfig = ClusterConnection.oneShot(kubeconfig, context);
      String defaultNamespace = namespace != null ? namespace : clientConfig.getNamespace() != null ? clientConfig.getNamespace() : "default";
      plan = new PlanReader(defaultNamespace).read(planPath);
      if (targetFile != null) {
        fromFile = TargetFile.read(targetFile, defaultNamespace);
      }
    } catch (InvalidConfigException | InvalidPlanException e) {
      return fail(err, e.getMessage());
    }
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
        KubernetesClient secrets = SecretReadingClient.open(clientConfig)) {
      ApiServerCheck.reachable(client);
      DirectClusterView cluster = new DirectClusterView(client);
      List<MaturityTarget> targets = fromFile != null ? fromFile : clusterTargets(client);
      String own = ClusterConnection.ownNamespace(clientConfig);
      ExternalSources external = HttpExternalSources.create(operatorConfig,
          new SecretTokenResolver(secrets, own == null ? "default" : own, clock), clock);
      TargetAssessor assessor = new TargetAssessor(new EvidenceCollector(ProbeSet.standard(), operatorConfig.thresholds(), clock), clock,
          operatorConfig.policy());
      BuiltInModels builtIn = BuiltInModels.load();
      WhatIfResult result = new WhatIf(assessor, view -> new ClusterModels(builtIn, view))
          .evaluate(cluster, external, targets, plan, ns -> namespace == null || namespace.equals(ns));
      out.print(new WhatIfReport(result).render(format));
      out.flush();
      if (!cluster.failures().isEmpty()) {
        return fail(err, "the Kubernetes API at " + clientConfig.getMasterUrl() + " failed " + cluster.failures().size()
            + " read(s), so the what-if is incomplete: " + ApiServerCheck.summary(cluster.failures()));
      }
      result.drops().forEach(t -> err.printf("drops %s: %s/%s%n", t.levels(), t.namespace(), t.name()));
      List<dev.mlops.maturity.whatif.TargetChange> below = failBelow == null ? List.of() : result.below(failBelow);
      below.forEach(t -> err.printf("below level %d after the plan: %s/%s (%s)%n", failBelow, t.namespace(), t.name(), t.levels()));
      err.flush();
      return result.drops().isEmpty() && below.isEmpty() ? 0 : 1;
    } catch (KubernetesClientException e) {
      return fail(err, "cannot read from the Kubernetes API at " + clientConfig.getMasterUrl() + ": "
          + (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "") + (e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("")));
    }
  }

  private List<MaturityTarget> clusterTargets(KubernetesClient client) {
    var resources = client.resources(MaturityTarget.class);
    List<MaturityTarget> items = new ArrayList<>(namespace == null
        ? resources.inAnyNamespace().list().getItems() : resources.inNamespace(namespace).list().getItems());
    items.sort(Comparator.comparing((MaturityTarget t) -> t.getMetadata().getNamespace()).thenComparing(t -> t.getMetadata().getName()));
    return items;
  }

  private static int fail(PrintWriter err, String message) {
    err.println("error: " + message);
    err.flush();
    return 2;
  }
}
