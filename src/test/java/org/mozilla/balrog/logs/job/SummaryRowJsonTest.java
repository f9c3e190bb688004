package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mozilla.balrog.logs.sink.DeployRow;
import org.mozilla.balrog.logs.sink.IngestAuditRow;
import org.mozilla.balrog.logs.sink.IngestAuditTable;
import org.mozilla.balrog.logs.sink.SummaryTables;

/** The members the {@code --summary-json} files write for a row: names, order and JSON types. */
class SummaryRowJsonTest {
  private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

  @Test
  void aDeployRowIsItsColumnsInOrder() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    DeployRow d = new DeployRow("v1", "web", T, null, 3, 4, true, "declared", "3 restarts");
    SummaryRowJson.put(n, SummaryTables.DEPLOYS, d.values(), Set.of());
    assertThat(n.toString())
        .isEqualTo(
            "{\"deploy_id\":\"v1\",\"app\":\"web\",\"started_at\":\"2026-11-02T10:00:00Z\","
                + "\"finished_at\":null,\"hosts\":3,\"hosts_total\":4,\"schema_migration\":true,"
                + "\"source\":\"declared\",\"evidence\":\"3 restarts\"}");
  }

  @Test
  void anAuditRowWithoutItsRunColumns() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    IngestAuditRow a =
        new IngestAuditRow(
            "aus5", "r1", 2, 30, 40, 37, 3, Map.of("b", 1L, "a", 2L), 37, 1, T, T, "0.1.0");
    SummaryRowJson.put(
        n,
        SummaryTables.INGEST_AUDIT,
        a.values(),
        Set.of(
            IngestAuditTable.RUN_ID,
            IngestAuditTable.STARTED_AT,
            IngestAuditTable.FINISHED_AT,
            IngestAuditTable.JOB_VERSION));
    assertThat(n.toString())
        .isEqualTo(
            "{\"source\":\"aus5\",\"files\":2,\"bytes\":30,\"lines\":40,\"parsed\":37,"
                + "\"rejected\":3,\"rejected_by_reason\":{\"a\":2,\"b\":1},\"rows\":37,"
                + "\"damaged_files\":1}");
  }
}
