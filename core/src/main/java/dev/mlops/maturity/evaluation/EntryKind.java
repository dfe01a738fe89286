package dev.mlops.maturity.evaluation;

/** The self-declared entries an exception can stand for, named as in the spec and in MaturityException.spec.kind. */
public enum EntryKind {
  WAIVER("waiver"),
  NOT_APPLICABLE("notApplicable");

  private final String wire;

  EntryKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static java.util.Optional<EntryKind> fromWire(String text) {
    for (EntryKind k : values()) {
      if (k.wire.equals(text)) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }
}
