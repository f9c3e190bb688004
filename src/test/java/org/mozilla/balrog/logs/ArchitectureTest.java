package org.mozilla.balrog.logs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The allowed dependencies between our packages (docs/design.md#packages-and-layers), checked on
 * the compiled main classes. Every package lists the packages it may use; anything else fails the
 * build. Dependencies point down only.
 *
 * <p>{@code job/} is the only orchestrator: only it finds and opens input; {@code metrics/}, {@code
 * deploy/} and {@code impact/} take Datasets and plain values and never use {@code source/}; {@code
 * window/} (the deploy-window rules) is plain Java over plain values. {@code cli} talks only to
 * {@code job} (and to {@code gen} for {@code generate}, and {@code model}): {@code job} parses and
 * validates the settings and options into typed requests before Spark starts ({@code JobSettings},
 * {@code JobRequests}) and classifies failures for the exit code ({@code Failures}). Keep each list
 * as short as the code allows, so that a removed edge cannot come back.
 */
@AnalyzeClasses(
    packages = "org.mozilla.balrog.logs",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "org.mozilla.balrog.logs.";

  @ArchTest
  static final ArchRule packagesUseOnlyTheirAllowedPackages =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("cli")
          .definedBy(ROOT + "cli..")
          .layer("job")
          .definedBy(ROOT + "job..")
          .layer("report")
          .definedBy(ROOT + "report..")
          .layer("deploy")
          .definedBy(ROOT + "deploy..")
          .layer("impact")
          .definedBy(ROOT + "impact..")
          .layer("metrics")
          .definedBy(ROOT + "metrics..")
          .layer("window")
          .definedBy(ROOT + "window..")
          .layer("source")
          .definedBy(ROOT + "source..")
          .layer("sink")
          .definedBy(ROOT + "sink..")
          .layer("gen")
          .definedBy(ROOT + "gen..")
          .layer("parse")
          .definedBy(ROOT + "parse..")
          .layer("privacy")
          .definedBy(ROOT + "privacy..")
          .layer("model")
          .definedBy(ROOT + "model..")
          .whereLayer("cli")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("job")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("cli")
          .mayOnlyAccessLayers("job", "gen", "model")
          .whereLayer("job")
          .mayOnlyAccessLayers(
              "deploy", "gen", "impact", "metrics", "model", "report", "sink", "source", "window")
          .whereLayer("report")
          .mayOnlyAccessLayers("model", "privacy", "sink")
          .whereLayer("deploy")
          .mayOnlyAccessLayers("impact", "metrics", "model", "privacy", "sink")
          .whereLayer("impact")
          .mayOnlyAccessLayers("metrics", "model", "sink")
          .whereLayer("metrics")
          .mayOnlyAccessLayers("model", "parse", "privacy", "sink")
          .whereLayer("window")
          .mayOnlyAccessLayers("model")
          .whereLayer("source")
          .mayOnlyAccessLayers("model", "parse", "privacy")
          .whereLayer("sink")
          .mayOnlyAccessLayers("model", "parse")
          .whereLayer("gen")
          .mayOnlyAccessLayers("model")
          .whereLayer("parse")
          .mayOnlyAccessLayers("model", "privacy")
          .whereLayer("privacy")
          .mayNotAccessAnyLayer()
          .whereLayer("model")
          .mayNotAccessAnyLayer();

  @ArchTest
  static final ArchRule pureJavaPackagesDoNotUseSparkOrHadoop =
      noClasses()
          .that()
          .resideInAnyPackage(
              ROOT + "parse..",
              ROOT + "model..",
              ROOT + "gen..",
              ROOT + "privacy..",
              ROOT + "window..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..");

  /**
   * The impact statistics and verdict rules are plain Java; {@code ImpactAggregation} is their one
   * Spark edge (it counts the windows' observations).
   */
  @ArchTest
  static final ArchRule impactRulesArePlainJava =
      noClasses()
          .that()
          .resideInAPackage(ROOT + "impact..")
          .and()
          .haveNameNotMatching(".*\\.impact\\.ImpactAggregation(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..");

  @ArchTest
  static final ArchRule onlyTheCommandLineUsesPicocli =
      noClasses()
          .that()
          .resideOutsideOfPackage(ROOT + "cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("picocli..");

  /**
   * The embedded query engine is one class, loaded only when DuckDB is on the classpath (the
   * cluster jar leaves it out).
   */
  @ArchTest
  static final ArchRule onlyTheEmbeddedQueryUsesDuckDb =
      noClasses()
          .that()
          .haveNameNotMatching(".*\\.job\\.DuckDbQuery(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.duckdb..");
}
