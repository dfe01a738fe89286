package dev.mlops.maturity.cli;

import picocli.CommandLine;

/** The version from the jar manifest (or "dev" when run from classes). */
public class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = MaturityCommand.class.getPackage().getImplementationVersion();
    return new String[] {"mlops-maturity-operator " + (v == null ? "dev" : v)};
  }
}
