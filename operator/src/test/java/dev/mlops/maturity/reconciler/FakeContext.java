package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.lang.reflect.Proxy;
import java.util.Optional;

/** A JOSDK Context for synchronous reconciler tests: answers what the reconciler asks, fails loudly on anything else. */
final class FakeContext {
  private FakeContext() {}

  static Context<MaturityTarget> live() {
    return of(false);
  }

  static Context<MaturityTarget> deleted() {
    return of(true);
  }

  @SuppressWarnings("unchecked")
  private static Context<MaturityTarget> of(boolean deleted) {
    return (Context<MaturityTarget>) Proxy.newProxyInstance(FakeContext.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "isPrimaryResourceDeleted" -> deleted;
          case "isPrimaryResourceFinalStateUnknown", "isNextReconciliationImminent" -> false;
          case "getRetryInfo" -> Optional.empty();
          case "toString" -> "FakeContext";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException("FakeContext does not answer " + method.getName());
        });
  }
}
