package dev.mlops.maturity.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the operator cleanly and let `run` return its exit code (0) instead of the
 * JVM's 143 from a signal-started shutdown, where the final System.exit would block (issue 19).
 */
final class CleanStop {
  private static final Logger log = LoggerFactory.getLogger(CleanStop.class);

  private CleanStop() {}

  static void onTermination(Runnable stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), s -> {
          log.info("SIG{} received: stopping", name);
          Thread t = new Thread(stop, "operator-signal-stop");
          t.start();
        });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // the platform lacks this signal or the JVM reserves it: the shutdown hook still stops the operator
      }
    }
  }
}
