package dev.mlops.maturity.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The one test clock: a fixed instant or real time, plus an offset the test pushes forward (to expire caches and tokens). */
public final class TestClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  private TestClock(Clock base) {
    this.base = base;
  }

  /** A clock that only moves when told, starting at {@code start}. */
  public static TestClock at(String start) {
    return new TestClock(Clock.fixed(Instant.parse(start), ZoneOffset.UTC));
  }

  /** Real time plus the offset (for tests against real servers, whose timeouts run on real time). */
  public static TestClock realTime() {
    return new TestClock(Clock.systemUTC());
  }

  public void advance(Duration d) {
    offset = offset.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }
}
