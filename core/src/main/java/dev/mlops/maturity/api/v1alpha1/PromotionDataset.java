package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A dataset input of the run behind a promoted version (MLflow run.inputs.dataset_inputs[].dataset). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionDataset {
  @JsonPropertyDescription("The dataset name.")
  public String name;
  @JsonPropertyDescription("The dataset digest as MLflow recorded it.")
  public String digest;
  @JsonPropertyDescription("The dataset source as MLflow recorded it (often a JSON document with a uri).")
  public String source;
}
