package dev.mlops.maturity.helm;

import dev.mlops.maturity.cli.RunCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The operator container's command line in the rendered Deployment, parsed by the real `run` command's
 * picocli model: a renamed or removed option fails the parse.
 */
record DeploymentArgs(Container container, List<String> args, ParseResult parsed) {

  static DeploymentArgs of(List<HasMetadata> rendered) {
    Deployment deployment = ChartFixture.single(rendered, Deployment.class);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> "operator".equals(c.getName())).findFirst().orElseThrow(() -> new AssertionError("no operator container"));
    List<String> args = List.copyOf(container.getArgs());
    if (args.isEmpty() || !"run".equals(args.get(0))) {
      throw new AssertionError("the operator container does not start the run command: " + args);
    }
    ParseResult parsed = new CommandLine(new RunCommand()).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    return new DeploymentArgs(container, args, parsed);
  }

  String leaderElectionNamespace() {
    return parsed.matchedOptionValue("--leader-election-namespace", null);
  }

  int metricsPort() {
    return parsed.matchedOptionValue("--metrics-port", -1);
  }

  String config() {
    Object value = parsed.matchedOptionValue("--config", null);
    return value == null ? null : value.toString();
  }

  String watchOutageGrace() {
    return parsed.matchedOptionValue("--watch-outage-grace", null);
  }

  boolean leaderElection() {
    return !parsed.hasMatchedOption("--no-leader-election");
  }
}
