package dev.mlops.maturity.bench;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Live instances of one class, from the JVM's own class histogram (the {@code GC.class_histogram}
 * diagnostic command, which collects first). The bench uses it to prove that the objects it weighs
 * are really freed between two heap readings.
 */
final class ClassHistogram {
  private ClassHistogram() {}

  /** Live instances of {@code className}; -1 when the JVM offers no histogram. */
  static long liveInstances(String className) {
    try {
      ObjectName command = new ObjectName("com.sun.management:type=DiagnosticCommand");
      String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(command, "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      return instancesIn(histogram, className);
    } catch (Exception | LinkageError e) {
      return -1;
    }
  }

  /** Parses a histogram's "  num:  #instances  #bytes  class name (module)" lines; 0 when the class is absent. */
  static long instancesIn(String histogram, String className) {
    for (String line : histogram.split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length >= 4 && cols[0].endsWith(":") && cols[3].equals(className)) {
        return Long.parseLong(cols[1]);
      }
    }
    return 0;
  }
}
