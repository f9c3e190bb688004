package org.mozilla.balrog.logs.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the job version (see {@link org.mozilla.balrog.logs.job.JobVersion}) and the
 * runtime.
 */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "balrog-logs " + org.mozilla.balrog.logs.job.JobVersion.get(),
      "Java "
          + System.getProperty("java.version")
          + ", Spark "
          + org.apache.spark.package$.MODULE$.SPARK_VERSION()
    };
  }
}
