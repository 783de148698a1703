package io.selvedge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;

/** {@code selvedge version}: prints the version of this build and of the JVM running it. */
@Command(name = "version", description = "Print the Selvedge version.",
    exitCodeList = {"0:ok"},
    footer = {"", "Example:", "  selvedge version"})
public final class VersionCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    for (String line : lines()) {
      spec.commandLine().getOut().println(line);
    }
  }

  static String[] lines() {
    return new String[] {"selvedge " + version() + " (java " + System.getProperty("java.version") + ")"};
  }

  public static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("/selvedge-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Lets {@code selvedge --version} print the same thing. */
  public static final class Provider implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines();
    }
  }
}
