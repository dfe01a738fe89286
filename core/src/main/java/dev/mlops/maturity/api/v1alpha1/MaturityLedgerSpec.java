package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The ledger's content: what the registry showed when last compared, and the last entries, oldest first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaturityLedgerSpec {
  @JsonPropertyDescription("The registered model whose promotions are recorded (the target's workload.registeredModel).")
  public String model;
  @JsonPropertyDescription("The alias that marks the production version, e.g. champion.")
  public String alias;
  @JsonPropertyDescription("The version the alias pointed at when the operator last compared; a different version seen later is a promotion.")
  public String currentVersion;
  @JsonPropertyDescription("How many promotions were recorded in total; the sequence number of the newest entry.")
  public Long sequence;
  @JsonPropertyDescription("How many entries are kept; older ones are dropped (operator configuration ledger.maxEntries).")
  public Integer retention;
  @JsonPropertyDescription("The last promotions, oldest first.")
  public List<PromotionEntry> entries = new ArrayList<>();
}
