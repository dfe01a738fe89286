package dev.mlops.maturity.fixes;

/** Builds the manifests that satisfy one capability's probe, from what the cluster already has. */
public interface Fix {
  /** The capability id whose probe the manifests satisfy. */
  String capability();

  Suggestion suggest(FixContext ctx);
}
