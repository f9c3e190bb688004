package org.mozilla.balrog.logs.cli;

/** The rejected-line ratio exceeded the configured threshold (exit code 3). */
public class DataQualityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataQualityException(String message) {
    super(message);
  }
}
