package dev.mlops.maturity.ledger;

import dev.mlops.maturity.api.v1alpha1.PromotionEntry;

/** Where recorded promotions are sent besides the ledger; {@link #NONE} when no sink is configured. */
public interface PromotionSink {
  PromotionSink NONE = new PromotionSink() {
    @Override
    public boolean configured() {
      return false;
    }

    @Override
    public void send(String namespace, String target, String model, PromotionEntry entry) {}
  };

  boolean configured();

  /** Hands the entry over for asynchronous delivery; returns at once. An entry already in flight is not sent twice. */
  void send(String namespace, String target, String model, PromotionEntry entry);

  /** The outcome of a delivery, recorded in the ledger entry. */
  interface Outcome {
    void delivered(String namespace, String target, long sequence, int attempts);

    void failed(String namespace, String target, long sequence, int attempts);
  }
}
