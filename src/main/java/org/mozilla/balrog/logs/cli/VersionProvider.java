package org.mozilla.balrog.logs.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build); {@code dev} when run from classes. */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    return org.mozilla.balrog.logs.job.JobVersion.get();
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "balrog-logs " + version(),
      "Java " + System.getProperty("java.version") + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
    };
  }
}
