package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/**
 * Reads of kinds that are not themselves a provider of the capability (the workload's serving or
 * training objects). A failed or forbidden read is recorded, so the verdict becomes Unknown rather
 * than a false Missing; a kind that is not installed is just empty, so it neither counts as "a
 * provider is installed" nor as "no provider is installed".
 */
public final class SupportingReads {
  private SupportingReads() {}

  public static List<GenericKubernetesResource> read(ProviderScan scan, Listing listing) {
    if (!listing.served() && listing.availability() != Availability.NOT_INSTALLED) {
      scan.read(listing);
    }
    return listing.items();
  }
}
