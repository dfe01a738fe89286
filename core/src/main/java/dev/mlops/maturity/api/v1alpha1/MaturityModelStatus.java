package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaturityModelStatus {
  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  public Long observedGeneration;
  @JsonPropertyDescription("True when the model can be used by targets.")
  public Boolean valid;
  @JsonPropertyDescription("What is wrong with the model, one entry per problem.")
  public List<String> problems = new ArrayList<>();
  @JsonPropertyDescription("Ready, following the Kubernetes conventions.")
  @io.fabric8.crd.generator.annotation.SchemaFrom(type = ConditionSchema[].class)
  public List<Condition> conditions = new ArrayList<>();
}
