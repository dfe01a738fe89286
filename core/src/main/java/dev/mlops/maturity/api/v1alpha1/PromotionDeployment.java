package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The newest deploy of the serving objects when the promotion was observed (Argo CD status.history or Flux history). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionDeployment {
  @JsonPropertyDescription("The GitOps object, e.g. argoproj.io/Application argocd/fraud-serving.")
  public String reference;
  @JsonPropertyDescription("The deployed revision (Git commit or chart release).")
  public String revision;
  @JsonPropertyDescription("When it was deployed (Argo CD deployedAt, Flux lastDeployed).")
  public String deployedAt;
  @JsonPropertyDescription("Who started it as the tool records it (Argo CD initiatedBy), absent when the tool records no actor.")
  public String initiatedBy;
}
