package dev.mlops.maturity.fixes;

/** How a blocking capability can be closed: by applying manifests, or why not by manifests alone. */
public enum Remedy {
  /** Manifests built from what the cluster already has; applying them satisfies the probe. */
  MANIFESTS("manifests", "apply manifests"),
  /** A fix would need a kind or an object the cluster does not have (a CRD not installed, no training template). */
  CLUSTER_LACKS("clusterLacks", "cluster lacks"),
  /** The probe decides on HTTP evidence (MLflow, Prometheus data), which no manifest creates. */
  NEEDS_HTTP_EVIDENCE("needsHttpEvidence", "needs HTTP evidence"),
  /** A person must decide or declare it (a runbook, a repository, who may promote). */
  NEEDS_HUMAN("needsHuman", "needs a human");

  private final String wire;
  private final String text;

  Remedy(String wire, String text) {
    this.wire = wire;
    this.text = text;
  }

  public String wire() {
    return wire;
  }

  public String text() {
    return text;
  }
}
