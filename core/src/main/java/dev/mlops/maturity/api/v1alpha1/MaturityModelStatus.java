package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaturityModelStatus {
  public Long observedGeneration;
  public Boolean valid;
  public List<String> problems = new ArrayList<>();
  public List<Condition> conditions = new ArrayList<>();
}
