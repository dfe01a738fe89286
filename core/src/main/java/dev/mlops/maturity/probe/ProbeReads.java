package dev.mlops.maturity.probe;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.UnknownReason;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one probe run read, recorded between the probe and its sources: the listings that could not
 * be served and the endpoints asked for. It gives the probe's Unknown verdict its {@link UnknownReason}
 * without the probes having to say it: a probe that could not decide only because an endpoint it needs
 * is not configured is NotConfigured (with the configuration to add); a denied or failed read wins.
 */
final class ProbeReads implements ClusterView, ExternalSources {
  private final ClusterView cluster;
  private final ExternalSources external;
  private final boolean forTarget;
  private final Set<Availability> unserved = EnumSet.noneOf(Availability.class);
  /** The endpoints asked for that are not configured. */
  private final Set<Unconfigured> notConfigured = new LinkedHashSet<>();
  private boolean askedConfigured;

  private record Unconfigured(String integration, String endpoint) {}

  /** @param forTarget whether the run is for a target (which may name another endpoint in its spec) */
  ProbeReads(ClusterView cluster, ExternalSources external, boolean forTarget) {
    this.cluster = cluster;
    this.external = external;
    this.forTarget = forTarget;
  }

  @Override
  public Listing list(ResourceKind kind, String namespace) {
    Listing listing = cluster.list(kind, namespace);
    if (!listing.served()) {
      unserved.add(listing.availability());
    }
    return listing;
  }

  @Override
  public Answer<PrometheusApi> prometheus(String endpointName) {
    return asked("prometheus", endpointName, external.prometheus(endpointName));
  }

  @Override
  public Answer<MlflowApi> mlflow(String endpointName) {
    return asked("mlflow", endpointName, external.mlflow(endpointName));
  }

  private <T> Answer<T> asked(String integration, String endpoint, Answer<T> answer) {
    if (answer instanceof Answer.Failed<T> f && f.notConfigured()) {
      notConfigured.add(new Unconfigured(integration, endpoint));
    } else {
      askedConfigured = true;
    }
    return answer;
  }

  /** The verdict with the reason these reads explain, when it is Unknown without a more specific one. */
  Evidence explain(Evidence e) {
    if (!e.failed() || e.unknownReason() != UnknownReason.Failed) {
      return e;
    }
    if (unserved.contains(Availability.FORBIDDEN)) {
      return e.withUnknownReason(UnknownReason.Forbidden, e.message());
    }
    if (unserved.contains(Availability.FAILED)) {
      return e.withUnknownReason(UnknownReason.Unreachable, e.message());
    }
    if (!notConfigured.isEmpty() && !askedConfigured) {
      return e.withUnknownReason(UnknownReason.NotConfigured, e.message() + "; to evaluate it, configure " + hints());
    }
    if (!askedConfigured && unserved.contains(Availability.NOT_INSTALLED)) {
      return e.withUnknownReason(UnknownReason.NotInstalled, e.message());
    }
    return e;
  }

  private String hints() {
    return notConfigured.stream().map(nc -> "integrations." + nc.integration() + "." + nc.endpoint()
        + " (its url) in the operator configuration" + (forTarget ? " or set spec.integrations." + nc.integration()
        + " to a configured endpoint" : "")).collect(Collectors.joining("; or "));
  }
}
