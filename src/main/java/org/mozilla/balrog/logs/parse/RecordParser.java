package org.mozilla.balrog.logs.parse;

/**
 * A streaming parser over the lines of one file, in order. Stateful formats (syslog with multi-line
 * tracebacks) keep pending records until {@link #finish}. Every line given to {@link #accept} ends
 * up counted exactly once: in the {@code lines} of a parsed event or as one rejection. Not
 * thread-safe: build one per file.
 */
public interface RecordParser<E> {
  void accept(String line, RecordEmitter<E> out);

  /** End of input: emit whatever is still pending. */
  default void finish(RecordEmitter<E> out) {}

  /** A record parser that parses each line on its own. */
  static <E> RecordParser<E> ofLines(LineParser<E> parser) {
    return (line, out) -> {
      ParseResult<E> r = parser.parse(line);
      if (r.isOk()) {
        out.parsed(r.value(), 1);
      } else {
        out.rejected(r.reason(), line);
      }
    };
  }
}
