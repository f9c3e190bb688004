package org.mozilla.balrog.logs.parse.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mozilla.balrog.logs.model.SyslogPayload.JsonPayload;

class BalrogJsonTest {

  @Test
  void headPython313LineWithTaskNameAndExtras() {
    JsonPayload j =
        BalrogJson.parse(
            "{\"Timestamp\": 1784629200000000001, \"Type\": \"auslib.web.public.base\", \"Logger\":"
                + " \"Balrog\", \"Hostname\": \"balrog-web-1\", \"EnvVersion\": \"2.0\","
                + " \"Severity\": 500, \"Pid\": 7, \"Fields\": {\"message\": \"boom\","
                + " \"taskName\": null, \"requestid\": \"None\", \"extra\": {\"a\": [1, 2]},"
                + " \"duration\": NaN}}");
    assertThat(j).isNotNull();
    assertThat(j.timestamp()).isEqualTo(Instant.ofEpochSecond(1784629200L, 1));
    assertThat(j.severity()).isEqualTo(500);
    assertThat(j.requestId()).isEqualTo("None");
    assertThat(j.fieldsMessage()).isEqualTo("boom");
    // Python writes a bare NaN; re-serialised it is the string "NaN" so fieldsJson is always valid
    // JSON
    assertThat(j.fieldsJson())
        .isEqualTo(
            "{\"message\":\"boom\",\"taskName\":null,\"requestid\":\"None\",\"extra\":{\"a\":[1,2]},\"duration\":\"NaN\"}");
  }

  @Test
  void nonScalarFieldsBecomeJsonTextAndOddTypesBecomeNull() {
    JsonPayload j =
        BalrogJson.parse(
            "{\"Timestamp\": \"yesterday\", \"Logger\": \"Balrog\", \"Severity\": \"high\","
                + " \"Pid\": 1.5, \"Fields\": {\"message\": {\"k\": 1}, \"error\": 42,"
                + " \"requestid\": null}}");
    assertThat(j).isNotNull();
    assertThat(j.timestamp()).isNull();
    assertThat(j.severity()).isNull();
    assertThat(j.pid()).isNull();
    assertThat(j.fieldsMessage()).isEqualTo("{\"k\":1}");
    assertThat(j.fieldsError()).isEqualTo("42");
    assertThat(j.requestId()).isNull();
    assertThat(j.type()).isNull();
  }

  @Test
  void loggerWithoutFields() {
    JsonPayload j = BalrogJson.parse("{\"Timestamp\": 1, \"Logger\": \"Balrog\"}");
    assertThat(j).isNotNull();
    assertThat(j.fieldsJson()).isNull();
    assertThat(j.fieldsMessage()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{}",
        "{\"Timestamp\": 1}",
        "{\"Fields\": {}, \"Logger\": \"Balrog\"}",
        "{\"Timestamp\": 1, \"Fields\": {}} {}",
        "{\"Timestamp\": 1, \"Fields\": {\"message\": \"cut in the midd",
        "[{\"Timestamp\": 1, \"Fields\": {}}]",
        "null"
      })
  void notABalrogLine(String text) {
    assertThat(BalrogJson.parse(text)).isNull();
  }
}
