package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** What blocks the level above the observed one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NextLevel {
  public Integer level;
  public String name;
  public List<String> missing = new ArrayList<>();
}
