package org.mozilla.balrog.logs.sink;

import java.util.List;
import org.mozilla.balrog.logs.parse.url.UpdateValues;

/**
 * The one place the summary tables' schemas are defined (docs/design.md#summary-tables). {@code
 * queries/}, Redash and the DDL depend on these names; tests pin them and check the exported Avro
 * schemas in {@code src/main/resources/schemas/}.
 */
public final class SummaryTables {
  private SummaryTables() {}

  /**
   * The value of a population key (product, channel, version, os, arch) folded because its clients
   * were fewer than {@code min_clients}, or withheld because it held an address.
   */
  public static final String OTHER = UpdateValues.OTHER;

  public static final SummaryTable UPDATE_POPULATION = UpdatePopulationTable.TABLE;

  public static final SummaryTable UPDATE_POPULATION_SKETCHES = UpdatePopulationSketchesTable.TABLE;

  public static final SummaryTable UPDATE_POPULATION_ROLLING = UpdatePopulationRollingTable.TABLE;

  public static final SummaryTable UPDATE_POPULATION_FOLDS = UpdatePopulationFoldsTable.TABLE;

  public static final SummaryTable INGEST_AUDIT = IngestAuditTable.TABLE;

  public static final SummaryTable REQUEST_RATES = RequestRatesTable.TABLE;

  public static final SummaryTable APP_ERRORS = AppErrorsTable.TABLE;

  public static final SummaryTable ADMIN_ACTIVITY = AdminActivityTable.TABLE;

  public static final SummaryTable RELEASE_ACTIVITY = ReleaseActivityTable.TABLE;

  public static final SummaryTable DEPLOYS = DeploysTable.TABLE;

  public static final SummaryTable DEPLOY_IMPACT = DeployImpactTable.TABLE;

  /** Every summary table, in the order DDL and docs list them. */
  public static List<SummaryTable> all() {
    return List.of(
        UPDATE_POPULATION,
        UPDATE_POPULATION_SKETCHES,
        UPDATE_POPULATION_ROLLING,
        UPDATE_POPULATION_FOLDS,
        REQUEST_RATES,
        APP_ERRORS,
        ADMIN_ACTIVITY,
        RELEASE_ACTIVITY,
        DEPLOYS,
        DEPLOY_IMPACT,
        INGEST_AUDIT);
  }

  public static SummaryTable byName(String name) {
    return all().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown summary table: " + name));
  }
}
