package org.mozilla.balrog.logs.job;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.mozilla.balrog.logs.impact.ImpactWindows;
import org.mozilla.balrog.logs.model.TimeWindow;
import org.mozilla.balrog.logs.source.ElbFileName;
import org.mozilla.balrog.logs.source.InputFile;

/**
 * Which ELB/ALB files can hold requests of some window. A file's name carries the end of its
 * logging interval (docs/formats.md#elb-file-names-and-delivery), and the interval is 5 or 60
 * minutes, so a file ending at {@code E} holds requests received in {@code (E - interval, E]}. The
 * interval of a load balancer is not written anywhere: when any of its files ends off the hour it
 * is 5 minutes, else 60. A minute of slack on both sides keeps requests at the edges. Files whose
 * names do not follow the AWS pattern are always read. Pure.
 */
final class ElbFileSelection {
  static final Duration SLACK = Duration.ofMinutes(1);

  private ElbFileSelection() {}

  /** 5 minutes when some file of {@code files} ends off the hour, else 60. */
  public static Duration interval(Collection<InputFile> files) {
    for (InputFile f : files) {
      Optional<Instant> end = ElbFileName.endTime(name(f));
      if (end.isPresent() && end.get().atZone(ZoneOffset.UTC).getMinute() != 0) {
        return Duration.ofMinutes(5);
      }
    }
    return Duration.ofMinutes(60);
  }

  /**
   * The files of one load balancer (one source) that may hold requests of any of {@code windows}.
   */
  public static List<InputFile> select(List<InputFile> files, Collection<ImpactWindows> windows) {
    List<TimeWindow> times = new ArrayList<>();
    for (ImpactWindows w : windows) {
      times.add(new TimeWindow(w.beforeStart(), w.beforeEnd()));
      times.add(new TimeWindow(w.afterStart(), w.afterEnd()));
    }
    return selectFor(files, times);
  }

  /**
   * The files of one load balancer (one source) that may hold requests of any of {@code windows}.
   */
  public static List<InputFile> selectFor(List<InputFile> files, List<TimeWindow> windows) {
    Duration interval = interval(files);
    List<InputFile> out = new ArrayList<>();
    for (InputFile f : files) {
      Optional<Instant> end = ElbFileName.endTime(name(f));
      if (end.isEmpty()) {
        out.add(f);
        continue;
      }
      Instant from = end.get().minus(interval).minus(SLACK);
      Instant to = end.get().plus(SLACK);
      if (windows.stream().anyMatch(w -> w.overlaps(from, to))) {
        out.add(f);
      }
    }
    return out;
  }

  private static String name(InputFile f) {
    String p = f.path();
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
