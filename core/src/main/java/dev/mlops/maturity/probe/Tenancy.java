package dev.mlops.maturity.probe;

import java.util.List;

/**
 * Which evidence outside a target's own namespace the admin assigns to it (operator config
 * {@code tenancy:}): PrometheusRules in shared monitoring namespaces, and how an MLflow registered
 * model is tied to a namespace. Evidence a team can plant in another team's view is never read otherwise.
 *
 * @param sharedMonitoringNamespaces namespaces whose PrometheusRules count for a target when their
 *     matchers select the target's namespace
 * @param mlflowOwnership how a registered model is owned by a namespace, checked before any detail is read
 */
public record Tenancy(List<String> sharedMonitoringNamespaces, MlflowOwnership mlflowOwnership) {
  /** The registered model tag that names its owning namespace under {@link MlflowOwnership#TAG}. */
  public static final String NAMESPACE_TAG = "mlops.dev/namespace";

  /**
   * Fail closed: with {@code tag}, a model nobody tagged for the namespace shows nothing, so a team can
   * never read another team's registry by naming its model; {@code none} is an explicit opt-out.
   */
  public static final Tenancy DEFAULTS = new Tenancy(List.of(), MlflowOwnership.TAG);
  /** No ownership check: one team per cluster, or code that builds its settings itself. */
  public static final Tenancy SINGLE_TEAM = new Tenancy(List.of(), MlflowOwnership.NONE);

  /** How a registered model is tied to a namespace. */
  public enum MlflowOwnership {
    /** the model's tag {@code mlops.dev/namespace} equals the target's namespace */
    TAG,
    /** the model's name starts with the target's namespace followed by {@code -}, {@code _}, {@code .} or {@code /} */
    PREFIX,
    /** no check: a single-team cluster */
    NONE
  }

  public Tenancy {
    sharedMonitoringNamespaces = List.copyOf(sharedMonitoringNamespaces);
    mlflowOwnership = mlflowOwnership == null ? MlflowOwnership.TAG : mlflowOwnership;
  }

  /** The tenancy of a probe context, the defaults when none is configured. */
  public static Tenancy of(ProbeSettings settings) {
    return settings == null || settings.tenancy() == null ? DEFAULTS : settings.tenancy();
  }
}
