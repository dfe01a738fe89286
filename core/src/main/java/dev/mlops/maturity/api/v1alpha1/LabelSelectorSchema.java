package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/**
 * The schema of a label selector (Kubernetes metav1.LabelSelector) with the descriptions `kubectl explain` shows;
 * the Java type stays fabric8's {@code LabelSelector}.
 */
final class LabelSelectorSchema {
  @JsonPropertyDescription("Labels an object must carry, all of them (e.g. app.kubernetes.io/part-of: fraud-detector).")
  public Map<String, String> matchLabels;
  @JsonPropertyDescription("Set-based requirements an object's labels must meet, all of them.")
  public List<Requirement> matchExpressions;

  private LabelSelectorSchema() {}

  static final class Requirement {
    @JsonPropertyDescription("The label key the requirement applies to.")
    @Required
    public String key;
    @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
    @Required
    public Operator operator;
    @JsonPropertyDescription("The values for In and NotIn; empty for Exists and DoesNotExist.")
    public List<String> values;

    private Requirement() {}
  }

  enum Operator { In, NotIn, Exists, DoesNotExist }
}
