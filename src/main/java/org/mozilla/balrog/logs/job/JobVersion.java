package org.mozilla.balrog.logs.job;

/**
 * The version of balrog-logs, from the jar manifest (set by the build); {@code dev} when run from
 * classes.
 */
public final class JobVersion {
  private JobVersion() {}

  public static String get() {
    String v = JobVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
