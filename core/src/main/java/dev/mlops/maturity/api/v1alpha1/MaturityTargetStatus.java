package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaturityTargetStatus {
  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  public Long observedGeneration;
  @JsonPropertyDescription("The id of the model the levels below were measured against.")
  public String model;
  @JsonPropertyDescription("The highest level whose requirements (and those of every level below) hold, counting accepted waivers, notApplicable entries and declared evidence.")
  public Integer observedLevel;
  @JsonPropertyDescription("What observed evidence alone proves: no waiver, notApplicable or declared entry counts.")
  public Integer provenLevel;
  @JsonPropertyDescription("The name of the observed level in the model, e.g. Automated.")
  public String observedLevelName;
  @JsonPropertyDescription("spec.targetLevel as evaluated.")
  public Integer targetLevel;
  @JsonPropertyDescription("True when the observed level is at or above the target level.")
  public Boolean targetMet;
  @JsonPropertyDescription("Ready, TargetMet, Regressed and Degraded, following the Kubernetes conventions.")
  @io.fabric8.crd.generator.annotation.SchemaFrom(type = ConditionSchema[].class)
  public List<Condition> conditions = new ArrayList<>();
  @JsonPropertyDescription("Every capability the model requires or recommends, with its state and the evidence seen.")
  public List<CapabilityStatus> capabilities = new ArrayList<>();
  @JsonPropertyDescription("What blocks the level above the observed one.")
  public NextLevel nextLevel;
  @JsonPropertyDescription("How to climb to the next level (the model's advice for the missing capabilities).")
  public List<String> recommendations = new ArrayList<>();
  @JsonPropertyDescription("The effect of each waiver and notApplicable entry under the platform team's policy (held, requested, refused, expired).")
  public List<ExceptionStatus> exceptions = new ArrayList<>();

  @JsonPropertyDescription("The last 10 changes of the observed level, newest last.")

  @Size(max = 10)
  public List<LevelChange> history = new ArrayList<>();
}
