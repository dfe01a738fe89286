package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.ResourceKind;

/** Kinds the serving probes read that are not (yet) in the shared {@code probe.Kinds}. */
public final class ServingKinds {
  /** Cluster-scoped analysis templates, named by a Rollout with {@code templates[].clusterScope: true}. */
  public static final ResourceKind CLUSTER_ANALYSIS_TEMPLATE =
      new ResourceKind("argoproj.io", "v1alpha1", "ClusterAnalysisTemplate", "clusteranalysistemplates", false);

  private ServingKinds() {}
}
