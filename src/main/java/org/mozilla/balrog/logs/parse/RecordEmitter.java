package org.mozilla.balrog.logs.parse;

/** Receives what a {@link RecordParser} makes of its lines. */
public interface RecordEmitter<E> {
  /**
   * One event built from {@code lines} physical lines (more than one for a reassembled traceback).
   */
  void parsed(E event, int lines);

  /** One physical line that could not be parsed. */
  void rejected(RejectReason reason, String line);
}
