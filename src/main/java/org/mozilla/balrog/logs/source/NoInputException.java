package org.mozilla.balrog.logs.source;

/** No input where input was required (exit code 4). */
public class NoInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoInputException(String message) {
    super(message);
  }
}
