package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Endpoint names of the operator configuration; a target can never name a URL. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Integrations {
  @JsonPropertyDescription("Name of a Prometheus endpoint in the operator configuration (default: default).")
  @Pattern(ApiPatterns.DNS_LABEL)
  public String prometheus;

  @JsonPropertyDescription("Name of an MLflow endpoint in the operator configuration (default: default).")
  @Pattern(ApiPatterns.DNS_LABEL)
  public String mlflow;
}
