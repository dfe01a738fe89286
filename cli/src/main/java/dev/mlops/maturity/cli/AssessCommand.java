package dev.mlops.maturity.cli;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.AssessmentReport;
import dev.mlops.maturity.assessment.ClusterModels;
import dev.mlops.maturity.assessment.ReportFormat;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.cluster.DirectClusterView;
import dev.mlops.maturity.config.InvalidConfigException;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.OperatorConfigLoader;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.external.SecretReadingClient;
import dev.mlops.maturity.external.SecretTokenResolver;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.ProbeSet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "assess", mixinStandardHelpOptions = true,
    description = {"One-shot evaluation of the MaturityTargets in a cluster (or of the targets in -f FILE) with the operator's probes.",
        "Exit codes: 0 ok, 1 a target is below --fail-below (or invalid), 2 usage, configuration or API error",
        "(including any read the API server failed, and --fail-below with no target found)."})
public class AssessCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig to use (default: in-cluster, then ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--config", paramLabel = "FILE", description = "Operator configuration YAML (integrations and thresholds), as the Helm chart renders it.")
  Path config;

  @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use (default: the current context).")
  String context;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Only targets in this namespace (default: all namespaces).")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "Targets in all namespaces (the default; cannot be combined with -n).")
  boolean allNamespaces;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Evaluate the MaturityTargets in this YAML file instead of those in the cluster.")
  Path file;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT", description = "table, json, yaml, markdown, junit (JUnit XML for CI: one testcase per target, failing below its target) or sarif "
      + "(SARIF 2.1.0 for code scanning: one result per blocking capability per target) (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--fail-below", paramLabel = "LEVEL", description = "Exit 1 when a target's observed level is below LEVEL (a target with spec problems counts as below).")
  Integer failBelow;

  @Option(names = "--proven", description = "With --fail-below: gate on the proven level (observed evidence only, no waiver, notApplicable or declared entry).")
  boolean proven;

  @Option(names = "--contexts", split = ",", paramLabel = "CTX", description = "Assess these kubeconfig contexts; one table with a CLUSTER column.")
  List<String> contexts;

  @Option(names = "--all-contexts", description = "Assess every context of the kubeconfig; one table with a CLUSTER column.")
  boolean allContexts;

  @Option(names = "--suggest-fixes", description = "For each requirement blocking a target's next level, the manifests that satisfy it (or why none can);"
      + " with -o yaml only the manifests, as a stream for kubectl apply -f -.")
  boolean suggestFixes;

  /** The time evaluations judge by (waiver expiry, exercisedWithin); tests set a fixed one. */
  Clock clock = Clock.systemUTC();

  @Option(names = "--plan", paramLabel = "DIR", description = {"What-if: evaluate the targets before and after applying the manifests in DIR "
      + "(a file, a directory read recursively, or - for stdin; a document annotated maturity.mlops.dev/plan: delete deletes its object). "
      + "Nothing is written to the cluster. -o table, json or markdown.",
      "Exit 1 when a target drops below its current level or, after the plan, below --fail-below; 2 when the plan or the cluster cannot be read."})
  Path plan;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReportFormat format;
    boolean yaml = suggestFixes && "yaml".equalsIgnoreCase(output);
    try {
      format = yaml ? null : ReportFormat.valueOf(output.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return fail(err, "--output must be table, json, yaml, markdown, junit or sarif, got '" + output + "'");
    }
    if (suggestFixes && (format == ReportFormat.JUNIT || format == ReportFormat.SARIF)) {
      return fail(err, "--suggest-fixes prints table, json, markdown or yaml (the manifests), not " + output);
    }
    if (proven && failBelow == null) {
      return fail(err, "--proven needs --fail-below");
    }
    if (failBelow != null && failBelow < 0) {
      return fail(err, "--fail-below must be a level (0 or more), got " + failBelow);
    }
    if (allNamespaces && namespace != null) {
      return fail(err, "-A and -n cannot be combined");
    }
    if (suggestFixes && (contexts != null || allContexts)) {
      return fail(err, "--suggest-fixes reads one cluster: it cannot be combined with --contexts/--all-contexts");
    }
    if (contexts != null || allContexts) {
      return fleet(out, err);
    }
    if (plan != null) {
      return new PlanAssessment(kubeconfig, context, config, namespace, file).run(plan, output.toLowerCase(Locale.ROOT), failBelow, out, err);
    }
    OperatorConfig operatorConfig;
    Config clientConfig;
    List<MaturityTarget> fromFile = null;
    try {
      operatorConfig = config == null ? OperatorConfig.EMPTY : OperatorConfigLoader.load(config);
      clientConfig = ClusterConnection.oneShot(kubeconfig, context);
      if (file != null) {
        fromFile = TargetFile.read(file, namespace != null ? namespace : "default");
      }
    } catch (InvalidConfigException e) {
      return fail(err, e.getMessage());
    }
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
        KubernetesClient secrets = SecretReadingClient.open(clientConfig)) {
      DirectClusterView cluster = new DirectClusterView(client);
      if (fromFile != null) {
        // the targets come from a file, but the evidence comes from the cluster: fail fast when it cannot answer
        ApiServerCheck.reachable(client);
      }
      List<MaturityTarget> targets = fromFile != null ? fromFile : clusterTargets(client);
      String own = ClusterConnection.ownNamespace(clientConfig);
      ExternalSources external = HttpExternalSources.create(operatorConfig,
          new SecretTokenResolver(secrets, own == null ? "default" : own, clock), clock);
      TargetAssessor assessor = new TargetAssessor(new EvidenceCollector(ProbeSet.standard(), operatorConfig.thresholds(), clock), clock,
          operatorConfig.policy());
      ClusterModels models = new ClusterModels(BuiltInModels.load(), cluster);
      Map<String, Evidence> platform = assessor.platformEvidence(cluster, external);
      List<TargetAssessment> results = new ArrayList<>();
      for (MaturityTarget t : targets) {
        // the shared pipeline reports a selector that matches nothing, as in the operator
        results.add(assessor.assess(t, models, cluster, external, platform, PreviousEvaluation.NONE));
      }
      AssessmentReport report = new AssessmentReport(results).withLedgers(dev.mlops.maturity.ledger.ClusterLedgers.byTarget(cluster, targets));
      if (targets.isEmpty()) {
        err.println("no MaturityTargets found" + (namespace == null ? "" : " in namespace " + namespace));
      }
      out.print(suggestFixes ? SuggestedFixes.render(report, format, SuggestedFixes.suggest(targets, results, cluster)) : report.render(format));
      out.flush();
      err.flush();
      if (!cluster.failures().isEmpty()) {
        // a gate must not pass on evidence it could not read
        return fail(err, "the Kubernetes API at " + clientConfig.getMasterUrl() + " failed " + cluster.failures().size()
            + " read(s), so the assessment is incomplete: " + ApiServerCheck.summary(cluster.failures()));
      }
      if (failBelow != null && targets.isEmpty()) {
        return fail(err, "--fail-below " + failBelow + " with no MaturityTarget to assess" + (namespace == null ? "" : " in namespace " + namespace)
            + ": nothing passes a gate it was not measured against");
      }
      int highest = results.stream().flatMap(r -> r.assessment().stream()).mapToInt(a -> a.model().topLevel()).max().orElse(-1);
      if (failBelow != null && highest >= 0 && failBelow > highest) {
        return fail(err, "--fail-below " + failBelow + " is above the highest level (" + highest
            + ") of the models assessed: no target could ever pass it");
      }
      if (failBelow != null && !report.below(failBelow, proven).isEmpty()) {
        String which = proven ? "proven level" : "level";
        report.below(failBelow, proven).forEach(t -> err.printf("below %s %d: %s/%s%s%n", which, failBelow, t.namespace(), t.name(),
            t.problems().isEmpty() ? "" : " (spec problems: " + t.problems().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining("; ")) + ")"));
        err.flush();
        return 1;
      }
      return 0;
    } catch (KubernetesClientException e) {
      return fail(err, ConnectionFailure.describe(clientConfig.getMasterUrl(), e));
    }
  }

  /** Several contexts (FleetAssessment): table output only, no -f or --context. */
  private int fleet(PrintWriter out, PrintWriter err) {
    if (file != null || context != null || !"table".equalsIgnoreCase(output)) {
      return fail(err, "--contexts/--all-contexts print one table and cannot be combined with -f, --context or -o " + output);
    }
    try {
      List<String> names = allContexts ? FleetAssessment.allContexts(kubeconfig) : contexts;
      OperatorConfig operatorConfig = config == null ? OperatorConfig.EMPTY : OperatorConfigLoader.load(config);
      return new FleetAssessment(kubeconfig, operatorConfig, namespace).run(names, failBelow, out, err);
    } catch (InvalidConfigException e) {
      return fail(err, e.getMessage());
    }
  }

  private List<MaturityTarget> clusterTargets(KubernetesClient client) {
    var resources = client.resources(MaturityTarget.class);
    List<MaturityTarget> items = new ArrayList<>(namespace == null
        ? resources.inAnyNamespace().list().getItems()
        : resources.inNamespace(namespace).list().getItems());
    items.sort(Comparator.comparing((MaturityTarget t) -> t.getMetadata().getNamespace()).thenComparing(t -> t.getMetadata().getName()));
    return items;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static int fail(PrintWriter err, String message) {
    err.println("error: " + message);
    err.flush();
    return 2;
  }
}
