package dev.mlops.maturity.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one verdict rule: refutation > Satisfied > Unknown (failure, nothing installed) > Missing. */
class ProviderScanTest {
  private static final ResourceKind KIND = new ResourceKind("example.io", "v1", "Thing", "things", true);

  @Test
  void aRefutationIsMissingWhateverWasFoundOrFailed() {
    Evidence e = new ProviderScan("x").found("a").failed("403").refute("broad grant", List.of("rb")).verdict("ok", "none");
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).isEqualTo("broad grant");
    assertThat(e.references()).containsExactly("rb");
  }

  @Test
  void aFindingBeatsAFailure() {
    Evidence e = new ProviderScan("x").failed("403").found(List.of("a", "b")).verdict("ok", "none");
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).containsExactly("a", "b");
  }

  @Test
  void aFailureBeatsAbsence() {
    ProviderScan scan = new ProviderScan("x");
    scan.read(Listing.of(KIND, List.of()));
    Evidence e = scan.failed("implausible value NaN").verdict("ok", "none");
    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).isEqualTo("implausible value NaN");
  }

  @Test
  void nothingInstalledIsUnknownAndAServedReadWithNothingIsMissing() {
    ProviderScan none = new ProviderScan("x");
    none.read(Listing.notInstalled(KIND));
    assertThat(none.verdict("ok", "none").state()).isEqualTo(CapabilityState.Unknown);

    ProviderScan answered = new ProviderScan("x").served().seen("Thing a is suspended");
    assertThat(answered.verdict("ok", "none").message()).isEqualTo("none (Thing a is suspended)");
    assertThat(answered.verdict("ok", "none").state()).isEqualTo(CapabilityState.Missing);
  }
}
