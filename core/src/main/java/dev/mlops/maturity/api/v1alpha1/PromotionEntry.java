package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One observed promotion: who moved which version to production, when, trained on what data, gated how, deployed by what. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionEntry {
  @JsonPropertyDescription("Position in the ledger, counting every promotion ever recorded (1 = first).")
  public Long sequence;
  @JsonPropertyDescription("The alias that moved (or the stage that changed), e.g. champion.")
  public String alias;
  @JsonPropertyDescription("The version the alias pointed at before.")
  public String fromVersion;
  @JsonPropertyDescription("The version the alias points at now.")
  public String toVersion;
  @JsonPropertyDescription("When the operator observed the move (RFC 3339); MLflow aliases carry no time of their own.")
  public String observedAt;
  @JsonPropertyDescription("Who promoted: the Argo CD user, 'argocd (automated sync)', the version's mlops.promoted_by tag, or 'unknown'.")
  public String who;
  @JsonPropertyDescription("Where 'who' was read: argocd, mlflow-tag or none.")
  public String whoSource;
  @JsonPropertyDescription("The MLflow run that produced the new version.")
  public String runId;
  @JsonPropertyDescription("The run's dataset inputs (MLflow run inputs).")
  public List<PromotionDataset> datasets = new ArrayList<>();
  @JsonPropertyDescription("The quality-gate result the version or run records (tag mlops.gate.result), absent when none.")
  public String gateResult;
  @JsonPropertyDescription("The gate comparison as recorded, e.g. auc 0.92 vs 0.91 (tags mlops.gate.metric, candidate, champion).")
  public String gateComparison;
  @JsonPropertyDescription("The deployment that rolled the serving objects out (Argo CD or Flux history), absent when none is visible.")
  public PromotionDeployment deployment;
  @JsonPropertyDescription("Delivery to the CloudEvents sink: Pending, Delivered, Failed (retries exhausted) or NotConfigured.")
  public String delivery;
  @JsonPropertyDescription("How many times delivery to the sink was attempted.")
  public Integer deliveryAttempts;
}
