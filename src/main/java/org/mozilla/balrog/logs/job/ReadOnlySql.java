package org.mozilla.balrog.logs.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.analysis.UnresolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;

/**
 * What {@code query} accepts (docs/design.md#read-only-sql): one read-only statement over the
 * registered views and summary tables, decided from Spark's parsed plan (and, once analysed, its
 * resolved plan), never from patterns over the text. The lists below are the whole policy:
 *
 * <ul>
 *   <li>{@link #STATEMENTS}: the plan nodes a statement may start with besides a query (SHOW,
 *       DESCRIBE, EXPLAIN);
 *   <li>{@link #QUERY_NODES}: the plan nodes a query may be made of; anything else (INSERT, CREATE,
 *       DROP, SET, RESET, ADD JAR, CACHE, CREATE FUNCTION, INSERT OVERWRITE DIRECTORY...) is
 *       refused by name;
 *   <li>relations: single names only (a view or a summary table), so no {@code parquet.`/path`} or
 *       {@code text.`/etc/passwd`}; table-valued functions only from {@link #TABLE_FUNCTIONS} (no
 *       {@code read_files});
 *   <li>functions: none of {@link #REFUSED_FUNCTIONS} (reflection), and no qualified (catalog)
 *       function names.
 * </ul>
 *
 * A refusal is an {@link Refused} (exit 2) with one line naming what was refused.
 */
public final class ReadOnlySql {
  /**
   * Statements besides queries, by plan class name: they read the catalog, never data outside it.
   */
  static final Set<String> STATEMENTS =
      Set.of(
          "ShowTables",
          "ShowViews",
          "ShowColumns",
          "ShowFunctions",
          "DescribeRelation",
          "DescribeColumn",
          "DescribeQueryCommand",
          "ExplainCommand",
          // the same statements once analysed (temporary views resolve to Spark's session commands)
          "ShowTablesCommand",
          "ShowViewsCommand",
          "ShowColumnsCommand",
          "ShowFunctionsCommand",
          "DescribeTableCommand",
          "DescribeColumnCommand");

  /** The parsed plan nodes a query may be made of, by class name. */
  static final Set<String> QUERY_NODES =
      Set.of(
          "Project",
          "Filter",
          "Aggregate",
          "Sort",
          "GlobalLimit",
          "LocalLimit",
          "LimitAll",
          "Offset",
          "Distinct",
          "Union",
          "Intersect",
          "Except",
          "Join",
          "LateralJoin",
          "Generate",
          "Pivot",
          "Unpivot",
          "Sample",
          "SubqueryAlias",
          "UnresolvedWith",
          "WithWindowDefinition",
          "UnresolvedHint",
          "RepartitionByExpression",
          "OneRowRelation",
          "LocalRelation",
          "UnresolvedInlineTable",
          "UnresolvedRelation",
          "UnresolvedHaving",
          "UnresolvedSubqueryColumnAliases",
          "UnresolvedTableValuedFunction",
          "UnresolvedTableOrView",
          "CurrentNamespace$",
          "UnionLoop",
          "UnionLoopRef",
          "PipeOperator");

  /** Table-valued functions a query may use: generators of values, none that reads files. */
  static final Set<String> TABLE_FUNCTIONS =
      Set.of(
          "range",
          "explode",
          "explode_outer",
          "inline",
          "inline_outer",
          "posexplode",
          "posexplode_outer",
          "stack",
          "json_tuple");

  /** Functions refused anywhere: they call arbitrary Java methods. */
  static final Set<String> REFUSED_FUNCTIONS = Set.of("java_method", "reflect", "try_reflect");

  /** Words for the statements people try most, for the message. */
  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("InsertIntoDir", "INSERT ... DIRECTORY"),
          Map.entry("InsertIntoStatement", "INSERT"),
          Map.entry("SetCommand", "SET"),
          Map.entry("ResetCommand", "RESET"),
          Map.entry("AddJarsCommand", "ADD JAR"),
          Map.entry("AddFilesCommand", "ADD FILE"),
          Map.entry("AddArchivesCommand", "ADD ARCHIVE"),
          Map.entry("CacheTable", "CACHE TABLE"),
          Map.entry("CacheTableAsSelect", "CACHE TABLE"),
          Map.entry("UncacheTable", "UNCACHE TABLE"),
          Map.entry("ClearCacheCommand", "CLEAR CACHE"),
          Map.entry("CreateFunctionCommand", "CREATE FUNCTION"),
          Map.entry("CreateFunction", "CREATE FUNCTION"),
          Map.entry("CreateTableAsSelect", "CREATE TABLE ... AS SELECT"),
          Map.entry("CreateTable", "CREATE TABLE"),
          Map.entry("CreateView", "CREATE VIEW"),
          Map.entry("CreateViewCommand", "CREATE VIEW"),
          Map.entry("DropTable", "DROP TABLE"),
          Map.entry("DeleteFromTable", "DELETE"),
          Map.entry("UpdateTable", "UPDATE"),
          Map.entry("MergeIntoTable", "MERGE"));

  /** A statement {@code query} does not run: a usage error (exit 2). */
  public static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Refused(String what) {
      super(
          "refused "
              + what
              + ": query runs one read-only statement (SELECT or WITH, VALUES, SHOW, DESCRIBE,"
              + " EXPLAIN) over the raw-log views and the summary tables");
    }
  }

  private ReadOnlySql() {}

  /**
   * The parsed plan of {@code sql}, checked; a {@link Refused} names the first thing not allowed.
   */
  public static LogicalPlan parse(SparkSession spark, String sql) {
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(sql);
    } catch (ParseException e) {
      throw ReadOnlySql.<RuntimeException>rethrow(
          e); // as spark.sql would: the CLI reports it as a usage error
    }
    check(plan, true);
    return plan;
  }

  /**
   * Throws {@code e} as it is (Scala's checked ParseException, which Java would make us declare).
   */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E rethrow(Throwable e) throws E {
    throw (E) e;
  }

  /**
   * Checks an analysed plan: no command below its root (a view or a rewrite cannot smuggle one in).
   */
  public static void checkAnalyzed(LogicalPlan analyzed) {
    walk(
        analyzed,
        true,
        (node, root) -> {
          if (node instanceof Command && !(root && STATEMENTS.contains(name(node)))) {
            throw new Refused(word(node));
          }
        });
  }

  private static void check(LogicalPlan plan, boolean root) {
    walk(
        plan,
        root,
        (node, isRoot) -> {
          if (node instanceof LogicalPlan p) {
            String n = name(p);
            if (!(QUERY_NODES.contains(n)
                || (isRoot && STATEMENTS.contains(n))
                || isCurrentNamespace(p))) {
              throw new Refused(word(p));
            }
          }
          if (node instanceof UnresolvedRelation r && r.multipartIdentifier().size() != 1) {
            throw new Refused(
                "the relation "
                    + String.join(".", asList(r.multipartIdentifier()))
                    + " (only the views and summary tables, by name; no paths)");
          }
          if (node instanceof UnresolvedTableOrView r && r.multipartIdentifier().size() != 1) {
            throw new Refused("the relation " + String.join(".", asList(r.multipartIdentifier())));
          }
          if (node instanceof UnresolvedTableValuedFunction f) {
            String fn = String.join(".", asList(f.name())).toLowerCase(Locale.ROOT);
            if (!TABLE_FUNCTIONS.contains(fn)) {
              throw new Refused("the table function " + fn);
            }
          }
          if (node instanceof UnresolvedFunction f) {
            checkFunction(asList(f.nameParts()));
          }
          if (node instanceof UnresolvedGenerator g) {
            checkFunction(asList(g.name().nameParts()));
          }
        });
  }

  /**
   * The current namespace as Spark 3.5 parses it ({@code SHOW TABLES}: an {@code
   * UnresolvedNamespace} with no name; Spark 4 parses {@code CurrentNamespace}). A named one (
   * {@code SHOW TABLES IN db}) is refused on both.
   */
  private static boolean isCurrentNamespace(LogicalPlan p) {
    return p instanceof UnresolvedNamespace ns && ns.multipartIdentifier().isEmpty();
  }

  private static void checkFunction(List<String> parts) {
    String fn = String.join(".", parts).toLowerCase(Locale.ROOT);
    if (parts.size() != 1 || REFUSED_FUNCTIONS.contains(fn)) {
      throw new Refused("the function " + fn);
    }
  }

  /** What a visitor sees: a node, and whether it is the statement's root. */
  @FunctionalInterface
  private interface Visitor {
    void visit(Object node, boolean root);
  }

  /**
   * Every plan node and expression of the tree: children, inner children (CTE definitions),
   * subquery plans.
   */
  private static void walk(Object node, boolean root, Visitor v) {
    if (!(node instanceof TreeNode<?> t)) {
      return;
    }
    v.visit(node, root);
    for (Object c : asList(t.children())) {
      walk(c, false, v);
    }
    for (Object c : asList(t.innerChildren())) {
      walk(c, false, v);
    }
    if (t instanceof LogicalPlan p) {
      for (Object e : asList(p.expressions())) {
        walk(e, false, v);
      }
    }
    if (t instanceof SubqueryExpression s) {
      walk(s.plan(), false, v);
    }
    if (t instanceof ExplainCommand e) {
      walk(e.logicalPlan(), false, v);
    }
    if (t instanceof DescribeQueryCommand d) {
      walk(d.plan(), false, v);
    }
  }

  private static String name(Object node) {
    return node.getClass().getSimpleName();
  }

  private static String word(Object node) {
    String n = name(node);
    return WORDS.containsKey(n) ? WORDS.get(n) + " (" + n + ")" : n;
  }

  /**
   * The elements of a Scala sequence (by its iterator: the same source for Scala 2.12 and 2.13).
   */
  private static <T> List<T> asList(scala.collection.Seq<T> seq) {
    List<T> list = new ArrayList<>(seq.size());
    for (scala.collection.Iterator<T> it = seq.iterator(); it.hasNext(); ) {
      list.add(it.next());
    }
    return list;
  }
}
