package org.mozilla.balrog.logs.source;

/**
 * Input files that could not be opened or read (permission, a refused or failed storage request, a
 * time-out after the client's retries): a failed run, never a smaller number. Thrown before
 * anything of the date is written, so the date's previous partitions stay as they were. The CLI
 * maps it to exit 1.
 */
public final class InputReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputReadException(String message) {
    super(message);
  }
}
