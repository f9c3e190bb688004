package org.mozilla.balrog.logs.window;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The team's calendar, in its time zone ({@code window.time-zone}): no-go on a weekend, a holiday
 * ({@code window.holidays}) or when the push {@code [at, at + duration]} does not fit in the
 * working window of its day ({@code window.hours}, taken on that local date, so a DST change day is
 * right); a Friday answers {@code window.friday} (caution).
 */
public final class CalendarRule implements WindowRule {
  public static final String ID = "calendar";
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Reason judge(WindowInputs in, WindowSettings s) {
    ZonedDateTime start = in.at().atZone(s.zone());
    ZonedDateTime end = in.end().atZone(s.zone());
    Call call = Call.GO;
    List<String> why = new ArrayList<>();
    for (LocalDate d = start.toLocalDate(); !d.isAfter(end.toLocalDate()); d = d.plusDays(1)) {
      DayOfWeek dow = d.getDayOfWeek();
      if (s.holidays().contains(d)) {
        call = call.worst(Call.NO_GO);
        why.add(d + " is a holiday");
      }
      if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
        call = call.worst(Call.NO_GO);
        why.add(d + " is a " + dow.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
      } else if (dow == DayOfWeek.FRIDAY && s.friday() != Call.GO) {
        call = call.worst(s.friday());
        why.add(d + " is a Friday");
      }
    }
    LocalDate day = start.toLocalDate();
    Instant open = day.atTime(s.workStart()).atZone(s.zone()).toInstant();
    Instant close = day.atTime(s.workEnd()).atZone(s.zone()).toInstant();
    String hours = s.workStart().format(HM) + "-" + s.workEnd().format(HM);
    if (in.at().isBefore(open)) {
      call = call.worst(Call.NO_GO);
      why.add("starts before " + s.workStart().format(HM) + " (working hours " + hours + ")");
    } else if (in.end().isAfter(close)) {
      call = call.worst(Call.NO_GO);
      why.add(
          (in.at().isBefore(close) ? "ends after " : "starts after ")
              + s.workEnd().format(HM)
              + " (working hours "
              + hours
              + "; a push needs "
              + Times.duration(in.duration())
              + ")");
    }
    String when =
        "push "
            + start.format(LOCAL)
            + "-"
            + end.format(HM)
            + " "
            + s.zone().getId()
            + " ("
            + start.getOffset().getId().replace("Z", "+00:00")
            + ")";
    String text =
        why.isEmpty()
            ? when + ": a working day, within working hours " + hours
            : when + ": " + String.join("; ", why);
    return Reason.of(ID, call, text);
  }
}
