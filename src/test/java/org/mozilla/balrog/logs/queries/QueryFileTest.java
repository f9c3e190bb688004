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
