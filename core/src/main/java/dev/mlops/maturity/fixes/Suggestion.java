package dev.mlops.maturity.fixes;

import java.util.List;

/**
 * The fix for one capability that blocks a target's next level: the manifests to apply, or why
 * there are none (the cluster lacks something, the probe needs HTTP evidence, a person must act).
 *
 * @param capability the capability id
 * @param level      the level it unlocks (the target's next level)
 * @param levelName  that level's name
 * @param remedy     how it can be closed
 * @param message    one line for a person: what the manifests do, or what is needed instead
 * @param manifests  the objects to apply (empty unless {@code remedy} is MANIFESTS)
 */
public record Suggestion(String capability, int level, String levelName, Remedy remedy, String message, List<FixManifest> manifests) {
  public Suggestion {
    manifests = List.copyOf(manifests);
    if (remedy == Remedy.MANIFESTS && manifests.isEmpty()) {
      throw new IllegalArgumentException("a MANIFESTS suggestion for " + capability + " needs at least one manifest");
    }
  }

  public static Suggestion apply(FixContext ctx, String message, List<FixManifest> manifests) {
    return new Suggestion(ctx.capability(), ctx.level(), ctx.levelName(), Remedy.MANIFESTS, message, manifests);
  }

  public static Suggestion without(FixContext ctx, Remedy remedy, String message) {
    return new Suggestion(ctx.capability(), ctx.level(), ctx.levelName(), remedy, message, List.of());
  }
}
