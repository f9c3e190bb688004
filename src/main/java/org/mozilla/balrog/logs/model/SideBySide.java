package org.mozilla.balrog.logs.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs chains of driver work side by side, each chain in order in a driver thread of its own, and
 * waits for all of them: Spark runs the jobs of several driver threads at once, so one chain's
 * planning and commits overlap the other's tasks. {@code daily}'s partition writes run as three
 * chains; the deploy analysis counts its windows' ELB minutes beside the other sources'. The first
 * chain runs in the calling thread. A failed chain does not stop the others; once every chain has
 * ended, the first failure (in chain order) is rethrown as it was, with the others attached as
 * suppressed. Plain Java, no Spark; driver only.
 */
public final class SideBySide {
  private SideBySide() {}

  /** The chains' results, in their order, once every chain has ended. */
  public static <T> List<T> run(String name, List<Supplier<T>> chains) {
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

  /** The results of two chains of different types, in their order. */
  public record Both<A, B>(A first, B second) {}

  /**
   * {@link #run} with two chains of different types: {@code first} in the calling thread, {@code
   * second} in a thread of its own.
   */
  public static <A, B> Both<A, B> both(String name, Supplier<A> first, Supplier<B> second) {
    List<Object> out = run(name, List.<Supplier<Object>>of(first::get, second::get));
    @SuppressWarnings("unchecked")
    A a = (A) out.get(0);
    @SuppressWarnings("unchecked")
    B b = (B) out.get(1);
    return new Both<>(a, b);
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
