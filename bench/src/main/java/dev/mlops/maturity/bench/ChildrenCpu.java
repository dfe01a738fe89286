package dev.mlops.maturity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU seconds of this process's exited, reaped children (Linux /proc/self/stat cutime + cstime); 0 where unknown. */
final class ChildrenCpu {
  /** USER_HZ: the unit of /proc's times, 100 on every mainstream Linux build. */
  private static final double TICKS_PER_SECOND = 100;

  private ChildrenCpu() {}

  static double seconds() {
    try {
      return parse(Files.readString(Path.of("/proc/self/stat")));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Fields 16 and 17 of stat(5); counted after the command name's closing parenthesis, which may itself hold spaces. */
  static double parse(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // f[0] is field 3 (state)
    return (Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3])) / TICKS_PER_SECOND;
  }
}
