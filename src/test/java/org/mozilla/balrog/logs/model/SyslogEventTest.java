package org.mozilla.balrog.logs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mozilla.balrog.logs.model.SyslogPayload.JsonPayload;
import org.mozilla.balrog.logs.model.SyslogPayload.Kind;
import org.mozilla.balrog.logs.model.SyslogPayload.TextPayload;
import org.mozilla.balrog.logs.model.SyslogPayload.TracebackPayload;
import org.mozilla.balrog.logs.model.SyslogPayload.UwsgiPayload;

class SyslogEventTest {
  private static final Instant T = Instant.parse("2019-03-05T14:02:03Z");

  private static SyslogEnvelope envelope(Integer syslogSeverity) {
    return new SyslogEnvelope(
        T, "h", "docker/x", "1", 3, syslogSeverity, SyslogVariant.RFC3164, "m", 1);
  }

  private static JsonPayload json(Integer severity, String exceptionType) {
    return new JsonPayload(
        T, "auslib", "Balrog", "c", "2.0", severity, 7, "m", null, null, "1", "{}", exceptionType);
  }

  @Test
  void jsonSeverityWinsOverThePri() {
    // Docker's stdout PRI 30 (severity 6, info) under a GCP-scale ERROR
    SyslogEvent e = new SyslogEvent(envelope(6), json(500, null));
    assertThat(e.level()).isEqualTo("error");
    assertThat(e.payloadKind()).isEqualTo(Kind.JSON);
  }

  @Test
  void jsonWithoutSeverityTakesThePrisLevel() {
    assertThat(new SyslogEvent(envelope(4), json(null, null)).level()).isEqualTo("warning");
    assertThat(new SyslogEvent(envelope(null), json(null, null)).level()).isNull();
  }

  @Test
  void jsonSeverityOnNeitherScaleHasNoLevelEvenWithAPri() {
    assertThat(new SyslogEvent(envelope(3), json(50, null)).level()).isNull();
  }

  @Test
  void otherKindsTakeThePrisLevel() {
    assertThat(new SyslogEvent(envelope(3), new TracebackPayload("KeyError")).level())
        .isEqualTo("error");
    assertThat(new SyslogEvent(envelope(6), UwsgiPayload.INSTANCE).level()).isEqualTo("info");
    assertThat(new SyslogEvent(envelope(null), TextPayload.INSTANCE).level()).isNull();
  }

  @Test
  void kindsAndExceptionTypes() {
    assertThat(new SyslogEvent(envelope(3), new TracebackPayload("KeyError")))
        .extracting(SyslogEvent::payloadKind, SyslogEvent::exceptionType)
        .containsExactly(Kind.TRACEBACK, "KeyError");
    assertThat(new SyslogEvent(envelope(3), new TracebackPayload(null)).exceptionType()).isNull();
    assertThat(new SyslogEvent(envelope(3), json(3, "x.Y")).exceptionType()).isEqualTo("x.Y");
    assertThat(new SyslogEvent(envelope(3), UwsgiPayload.INSTANCE))
        .extracting(SyslogEvent::payloadKind, SyslogEvent::exceptionType)
        .containsExactly(Kind.UWSGI, null);
    assertThat(new SyslogEvent(envelope(3), TextPayload.INSTANCE))
        .extracting(SyslogEvent::payloadKind, SyslogEvent::exceptionType)
        .containsExactly(Kind.TEXT, null);
    assertThat(Kind.TRACEBACK.code()).isEqualTo("traceback");
  }

  @ParameterizedTest
  @CsvSource({"8", "50", "99", "-1"})
  void severitiesOnNeitherScaleHaveNoLevel(int severity) {
    assertThat(SyslogLevel.ofJsonSeverity(severity)).isNull();
  }

  @Test
  void envelopeIsValidated() {
    assertThatThrownBy(
            () -> new SyslogEnvelope(T, "h", "t", null, null, null, SyslogVariant.RFC5424, "m", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SyslogEnvelope(T, "h", "t", null, null, null, SyslogVariant.RFC5424, null, 1))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SyslogEvent(envelope(3), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void envelopeTakesTheHeaderOfTheFirstLine() {
    SyslogLine first =
        new SyslogLine(SyslogVariant.RFC3164, 27, T, "h", "docker/x", "9", null, null, "first");
    assertThat(SyslogEnvelope.of(first, "first\n\tsecond", 2))
        .isEqualTo(
            new SyslogEnvelope(
                T, "h", "docker/x", "9", 3, 3, SyslogVariant.RFC3164, "first\n\tsecond", 2));
  }
}
