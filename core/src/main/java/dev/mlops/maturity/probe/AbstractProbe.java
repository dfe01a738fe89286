package dev.mlops.maturity.probe;

import java.util.Set;

/** A probe that states its capability and the kinds it reads once, at construction. */
public abstract class AbstractProbe implements Probe {
  private final String capability;
  private final Set<ResourceKind> reads;

  protected AbstractProbe(String capability, Set<ResourceKind> reads) {
    this.capability = capability;
    this.reads = Set.copyOf(reads);
  }

  @Override
  public final String capability() {
    return capability;
  }

  @Override
  public final Set<ResourceKind> reads() {
    return reads;
  }
}
