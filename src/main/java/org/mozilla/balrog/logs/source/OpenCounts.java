package org.mozilla.balrog.logs.source;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How often each input file was opened in this JVM since {@link #start}, for tests and diagnostics
 * that check a run opens every file once (with Spark in local mode the executors are this JVM). Off
 * until started: a long-lived session does not keep every path it ever read.
 */
public final class OpenCounts {
  private static volatile Map<String, AtomicInteger> counts;

  private OpenCounts() {}

  /** Starts counting from zero. */
  public static synchronized void start() {
    counts = new ConcurrentHashMap<>();
  }

  /** Stops counting and returns the opens per path since {@link #start}, by path. */
  public static synchronized Map<String, Integer> stop() {
    Map<String, AtomicInteger> c = counts;
    counts = null;
    Map<String, Integer> out = new TreeMap<>();
    if (c != null) {
      c.forEach((path, n) -> out.put(path, n.get()));
    }
    return out;
  }

  static void opened(String path) {
    Map<String, AtomicInteger> c = counts;
    if (c != null) {
      c.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
    }
  }
}
