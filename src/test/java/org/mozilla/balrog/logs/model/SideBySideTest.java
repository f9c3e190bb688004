package org.mozilla.balrog.logs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SideBySideTest {
  @Test
  void chainsRunSideBySideAndReturnTheirResultsInOrder() {
    CountDownLatch both = new CountDownLatch(2);
    Thread caller = Thread.currentThread();
    Supplier<String> first =
        () -> {
          assertThat(Thread.currentThread()).isSameAs(caller);
          return meet(both, "a");
        };
    Supplier<String> second =
        () -> {
          assertThat(Thread.currentThread()).isNotSameAs(caller);
          assertThat(Thread.currentThread().getName()).isEqualTo("w-1");
          return meet(both, "b");
        };
    // each chain waits for the other to start: they can only both end if they run at once
    assertThat(SideBySide.run("w", List.of(first, second))).containsExactly("a", "b");
  }

  @Test
  void twoChainsOfDifferentTypesGiveTheirResultsSideBySide() {
    CountDownLatch both = new CountDownLatch(2);
    SideBySide.Both<Integer, List<String>> r =
        SideBySide.both(
            "p",
            () -> Integer.parseInt(meet(both, "7")),
            () -> List.of(meet(both, "x"), Thread.currentThread().getName()));
    assertThat(r.first()).isEqualTo(7);
    assertThat(r.second()).containsExactly("x", "p-1");
  }

  private static String meet(CountDownLatch both, String result) {
    both.countDown();
    try {
      assertThat(both.await(30, TimeUnit.SECONDS)).as("the other chain started").isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return result;
  }

  @Test
  void aFailureIsRethrownOnceEveryChainHasEndedWithTheOthersSuppressed() {
    AtomicBoolean lastEnded = new AtomicBoolean();
    IllegalStateException inCaller = new IllegalStateException("first chain failed");
    IllegalArgumentException inThread = new IllegalArgumentException("second chain failed");
    List<Supplier<Integer>> chains =
        List.of(
            () -> {
              throw inCaller;
            },
            () -> {
              throw inThread;
            },
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              lastEnded.set(true);
              return 3;
            });
    assertThatThrownBy(() -> SideBySide.run("w", chains))
        .isSameAs(inCaller)
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(inThread));
    assertThat(lastEnded).as("the chain that did not fail ran to its end").isTrue();
  }

  @Test
  void anErrorInAThreadIsRethrownAsItWas() {
    AssertionError broken = new AssertionError("broken");
    assertThatThrownBy(
            () ->
                SideBySide.run(
                    "w",
                    List.<Supplier<Integer>>of(
                        () -> 1,
                        () -> {
                          throw broken;
                        })))
        .isSameAs(broken);
  }
}
