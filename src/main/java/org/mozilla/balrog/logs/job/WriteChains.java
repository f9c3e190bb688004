package org.mozilla.balrog.logs.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs chains of driver work side by side, each chain in order in a driver thread of its own, and
 * waits for all of them: {@code daily}'s partition writes, which are many small Spark queries, so
 * one chain's planning and commits overlap the other's tasks (Spark runs the jobs of several driver
 * threads at once). The first chain runs in the calling thread. A failed chain does not stop the
 * others (each write replaces only its own partition); once every chain has ended, the first
 * failure is rethrown as it was, with the others attached as suppressed. Driver only.
 */
final class WriteChains {
  private WriteChains() {}

  /** The chains' results, in their order, once every chain has ended. */
  static <T> List<T> run(String name, List<Supplier<T>> chains) {
    int n = chains.size();
    List<T> results = new ArrayList<>();
    Object[] out = new Object[n];
    Throwable[] failed = new Throwable[n];
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      int at = i;
      Thread t =
          new Thread(
              () -> {
                try {
                  out[at] = chains.get(at).get();
                } catch (Throwable e) { // rethrown by the calling thread
                  failed[at] = e;
                }
              },
              name + "-" + i);
      t.start();
      threads.add(t);
    }
    if (n > 0) {
      try {
        out[0] = chains.get(0).get();
      } catch (RuntimeException | Error e) {
        failed[0] = e;
      }
    }
    joinAll(threads);
    Throwable first = null;
    for (Throwable e : failed) {
      if (e == null) {
        continue;
      }
      if (first == null) {
        first = e;
      } else {
        first.addSuppressed(e);
      }
    }
    if (first instanceof RuntimeException r) {
      throw r;
    }
    if (first instanceof Error e) {
      throw e;
    }
    if (first != null) {
      throw new IllegalStateException(first);
    }
    for (int i = 0; i < n; i++) {
      @SuppressWarnings("unchecked")
      T r = (T) out[i];
      results.add(r);
    }
    return results;
  }

  /** Waits for every thread to end, even when interrupted (then sets the interrupt flag again). */
  private static void joinAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
