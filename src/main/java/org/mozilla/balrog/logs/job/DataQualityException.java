package org.mozilla.balrog.logs.job;

/** The rejected-line ratio exceeded the configured threshold ({@link ExitKind#DATA_QUALITY}). */
class DataQualityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataQualityException(String message) {
    super(message);
  }
}
