package org.mozilla.balrog.logs.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.job.SqlTemplate;
import org.mozilla.balrog.logs.sink.SummaryTables;

/** Every Redash query file has the header Redash users and {@code jobs/redash/} rely on. */
class QueryFileTest {
  private static final List<QueryFile> ALL = QueryFile.all();

  @Test
  void thereIsOneFilePerWidgetTheIssueAsksFor() {
    assertThat(ALL.stream().map(QueryFile::name))
        .contains(
            "clients_by_version",
            "version_adoption",
            "os_arch_split",
            "clients_1_7_28",
            "update_error_timeline",
            "deploy_verdicts",
            "top_error_signatures",
            "new_error_signatures",
            "admin_api_usage",
            "ingest_audit");
  }

  @Test
  void theDropdownValuesAndAlertQueriesAreThere() {
    assertThat(ALL.stream().map(QueryFile::name))
        .contains(
            "product_values",
            "channel_values",
            "deploy_regressions_alert",
            "update_5xx_rate_alert");
  }

  @Test
  void noParameterIsTextSoRedashCountsEveryQuerySafe() {
    // Redash lets view-only users and shared dashboards run a query only when none of its
    // parameters is text
    for (QueryFile q : ALL) {
      assertThat(q.parameters())
          .as(q.name())
          .allSatisfy(
              p -> assertThat(p.type()).isIn("date", "daterange", "number", "enum", "query"));
    }
  }

  @Test
  void productAndChannelAreDropdownsOverTheirValuesQueries() {
    int seen = 0;
    for (QueryFile q : ALL) {
      for (QueryFile.Parameter p : q.parameters()) {
        if (p.name().equals("product") || p.name().equals("channel")) {
          assertThat(p.type()).as(q.name() + " " + p.name()).isEqualTo("query");
          assertThat(p.options()).as(q.name() + " " + p.name()).isEqualTo(p.name() + "_values");
          seen++;
        }
      }
    }
    assertThat(seen).isEqualTo(10); // five queries take both
  }

  @Test
  void dropdownsNameExistingValuesQueriesAndValidDefaults() {
    var names = ALL.stream().map(QueryFile::name).toList();
    for (QueryFile q : ALL) {
      for (QueryFile.Parameter p : q.parameters()) {
        switch (p.type()) {
          case "query" -> {
            assertThat(p.options()).as(q.name() + " " + p.name()).endsWith("_values");
            assertThat(names).as(q.name() + " " + p.name()).contains(p.options());
          }
          case "enum" ->
              assertThat(List.of(p.options().split(",", -1)))
                  .as(q.name() + " " + p.name())
                  .doesNotContain("")
                  .doesNotHaveDuplicates()
                  .contains(p.defaultValue());
          default -> assertThat(p.options()).as(q.name() + " " + p.name()).isNull();
        }
      }
    }
  }

  @Test
  void valuesQueriesTakeNoParameterAndAreRefreshedDaily() {
    List<QueryFile> values = ALL.stream().filter(QueryFile::isValues).toList();
    assertThat(values).hasSize(2);
    for (QueryFile q : values) {
      assertThat(q.parameters()).as(q.name()).isEmpty();
      assertThat(q.header().get("schedule")).as(q.name()).startsWith("daily ");
    }
  }

  @Test
  void everyScheduleFollowsTheGrammarSyncPyMaps() {
    long scheduled = 0;
    for (QueryFile q : ALL) {
      String schedule = q.header().get("schedule");
      if (schedule != null) {
        assertThat(schedule).as(q.name()).matches(QueryFile.SCHEDULE);
        scheduled++;
      }
    }
    assertThat(scheduled).isGreaterThanOrEqualTo(4); // the values and alert queries
    for (String ok :
        List.of(
            "none",
            "daily 06:30",
            "weekly Monday 07:00",
            "weekly sun 23:59",
            "every 30m",
            "every 1h until 2027-06-30")) {
      assertThat(ok).matches(QueryFile.SCHEDULE);
    }
    for (String bad :
        List.of("daily 6:30", "daily 24:00", "weekly 07:00", "every 0m", "every 2d", "hourly")) {
      assertThat(bad).doesNotMatch(QueryFile.SCHEDULE);
    }
  }

  @Test
  void everyFileHasTitleAnswersAndVisualization() {
    for (QueryFile q : ALL) {
      assertThat(q.header()).as(q.name()).containsKeys("title", "answers", "visualization");
      assertThat(q.header().get("title")).as(q.name()).isNotBlank();
    }
  }

  @Test
  void declaredParametersAreExactlyTheOnesTheSqlUses() {
    for (QueryFile q : ALL) {
      assertThat(new SqlTemplate(q.sql()).parameters())
          .as(q.name())
          .containsExactlyInAnyOrderElementsOf(q.defaultValues().keySet());
      // and the defaults render (no missing or unknown parameter)
      assertThat(new SqlTemplate(q.sql()).render(q.defaultValues())).doesNotContain("{{");
    }
  }

  @Test
  void queriesReadOnlySummaryTables() {
    var names = SummaryTables.all().stream().map(t -> t.name()).toList();
    for (QueryFile q : ALL) {
      String body = q.sql().replaceAll("(?m)^--.*$", "");
      var from = java.util.regex.Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([a-z_]+)").matcher(body);
      while (from.find()) {
        String t = from.group(1);
        assertThat(
                names.contains(t) || body.matches("(?is).*\\bWITH\\b.*\\b" + t + "\\s+AS\\s*\\(.*"))
            .as(q.name() + " reads " + t)
            .isTrue();
      }
    }
  }
}
