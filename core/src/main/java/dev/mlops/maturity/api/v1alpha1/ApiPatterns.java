package dev.mlops.maturity.api.v1alpha1;

/** Schema patterns shared by the API types. */
public final class ApiPatterns {
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  public static final String CAPABILITY_ID = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";
  public static final String DURATION = "^([0-9]+(ms|s|m|h))+$";
  public static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

  private ApiPatterns() {}
}
