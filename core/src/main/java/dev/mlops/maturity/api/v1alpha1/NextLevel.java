package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What blocks the level above the observed one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NextLevel {
  @JsonPropertyDescription("The level above the observed one.")
  public Integer level;
  @JsonPropertyDescription("Its name in the model.")
  public String name;
  @JsonPropertyDescription("The requirements of that level that do not hold yet (capability ids, anyOf groups as a|b).")
  public List<String> missing = new ArrayList<>();
}
