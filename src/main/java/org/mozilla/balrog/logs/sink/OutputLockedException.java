package org.mozilla.balrog.logs.sink;

/**
 * Another run holds the lock of an output date ({@link OutputLock}), or took it over while this run
 * held it. The message is one line: who holds it, since when, its last heartbeat and how to break
 * it. The CLI exits 6 on it.
 */
public final class OutputLockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputLockedException(String message) {
    super(message);
  }
}
