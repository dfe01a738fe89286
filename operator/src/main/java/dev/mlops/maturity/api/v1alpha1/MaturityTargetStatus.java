package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaturityTargetStatus {
  public Long observedGeneration;
  public String model;
  public Integer observedLevel;
  /** What observed evidence alone proves: no waiver, notApplicable or declared entry counts. */
  public Integer provenLevel;
  public String observedLevelName;
  public Integer targetLevel;
  public Boolean targetMet;
  public List<Condition> conditions = new ArrayList<>();
  public List<CapabilityStatus> capabilities = new ArrayList<>();
  public NextLevel nextLevel;
  public List<String> recommendations = new ArrayList<>();
  /** The effect of each waiver and notApplicable entry under the policy (held, requested, refused, expired). */
  public List<ExceptionStatus> exceptions = new ArrayList<>();

  @Size(max = 10)
  public List<LevelChange> history = new ArrayList<>();
}
