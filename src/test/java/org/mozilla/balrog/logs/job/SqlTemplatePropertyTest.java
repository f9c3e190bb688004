package org.mozilla.balrog.logs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.runtime.AbstractPartialFunction;

/**
 * Hostile values crossed with every lexical context a placeholder can sit in. Where a placeholder
 * is allowed, the rendered SQL, parsed by Spark's own parser (no session; variable substitution off
 * as in {@link SparkSessions}), has the plan of a benign value once every literal is masked, and
 * the value's literal evaluates back to the value. Everywhere else the template is refused.
 */
class SqlTemplatePropertyTest {
  private static final SparkSqlParser PARSER = new SparkSqlParser();
  private static final SQLConf CONF = new SQLConf();

  static {
    CONF.setConfString("spark.sql.variable.substitute", "false");
  }

  /** Benign enough to find in a plan: no template holds it. */
  private static final String BENIGN = "benign-7f3a";

  private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]{0,17})(?:\\.[0-9]{1,18})?");

  /** A template where {{ v }} is allowed; bare: it has {{ v }} outside quotes. */
  record Allowed(String sql, boolean bare) {}

  private static final List<Allowed> ALLOWED =
      List.of(
          new Allowed("SELECT {{ v }} AS x", true),
          new Allowed("SELECT 5-{{ v }} AS x", true),
          new Allowed("SELECT -{{ v }} AS x", true),
          new Allowed("SELECT 1/{{ v }}*2 AS x", true),
          new Allowed("SELECT * FROM t WHERE c = {{ v }} AND d = 1", true),
          new Allowed("SELECT * FROM t WHERE c IN ({{ v }}, 'b') -- trailing\n ORDER BY c", true),
          new Allowed("SELECT * FROM t WHERE c = 1 LIMIT {{ v }}", true),
          new Allowed("SELECT /* note */ {{ v }} /* a /* nested */ comment */ AS x", true),
          new Allowed("SELECT 1 AS a -- c \\\n still the comment\n, {{ v }}--after\n AS x", true),
          new Allowed("SELECT x FROM t WHERE a = {{ v }}\r\nAND b = '{{ v }}'", true),
          new Allowed("SELECT {{ v }} AS a, '{{ v }}' AS b", true),
          new Allowed("SELECT '{{ v }}' AS x", false),
          new Allowed("SELECT 'pre {{ v }} post' AS x", false),
          new Allowed("SELECT * FROM t WHERE c = '{{ v }}' AND d = 'it\\'s'", false),
          new Allowed("SELECT concat('{{ v }}', \"dq\") AS x", false),
          new Allowed("SELECT 'a' '{{ v }}' AS x", false),
          new Allowed("SELECT 'x\\\\' AS a, '{{v}}' AS b", false),
          new Allowed(
              "SELECT DATE '2026-11-01' AS d, `col` AS c, '{{ v }}' AS x FROM t -- a ' quote",
              false));

  /** Templates where {{ v }} must be refused. */
  private static final List<String> REFUSED =
      List.of(
          "SELECT r'{{ v }}'",
          "SELECT R'{{ v }}'",
          "SELECT r\"{{ v }}\"",
          "SELECT \"{{ v }}\"",
          "SELECT `{{ v }}` FROM t",
          "-- {{ v }}\nSELECT 1",
          "SELECT 1 -- x \\\n{{ v }}",
          "/* {{ v }} */ SELECT 1",
          "/* a /* b */ {{ v }} */ SELECT 1",
          "SELECT /*+ REPARTITION({{ v }}) */ 1",
          "SELECT 1 /* unclosed {{ v }}");

  @Provide
  Arbitrary<Allowed> allowed() {
    return Arbitraries.of(ALLOWED);
  }

  @Provide
  Arbitrary<String> refused() {
    return Arbitraries.of(REFUSED);
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(
                "'",
                "\\",
                "\\'",
                "''",
                "\"",
                "`",
                "--",
                "/*",
                "*/",
                "/*+",
                "${env:HOME}",
                "${system:user.home}",
                "$",
                "{{ v }}",
                "}}",
                "\n",
                "\r\n",
                "\r",
                "\t",
                "\u0000",
                "\u0000" + "12",
                "\\0",
                "\\u0027",
                "\\n",
                ";",
                ")",
                "(",
                " OR 1=1",
                "r'",
                "R\"",
                "X'",
                "-",
                "-100",
                "1",
                "é",
                "中",
                "\uD83D\uDE00",
                "\uD800",
                "\uDC00",
                "\u2028",
                "\u0085",
                "\u00A0",
                "\u007F",
                "\uFEFF"),
            Arbitraries.strings().all().ofMaxLength(4),
            Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8));
    Arbitrary<String> mixed = piece.list().ofMaxSize(6).map(l -> String.join("", l));
    Arbitrary<String> numbers =
        Arbitraries.oneOf(
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.integers().between(-1000, 1000).map(String::valueOf),
            Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
                .ofScale(4)
                .map(BigDecimal::toPlainString));
    Arbitrary<String> dates =
        Arbitraries.integers()
            .between(-25_000, 60_000)
            .map(d -> LocalDate.ofEpochDay(d).toString());
    Arbitrary<String> odd =
        Arbitraries.of(
            "",
            " ",
            "2026-02-30",
            "0",
            "-0",
            "007",
            "1e9",
            " 1",
            "-2.50",
            "1.",
            ".5",
            "+1",
            "NULL",
            "true");
    return Arbitraries.frequencyOf(
        Tuple.of(6, mixed), Tuple.of(2, numbers), Tuple.of(1, dates), Tuple.of(1, odd));
  }

  @Property(tries = 8000)
  void aValueIsOneLiteralWhereverItIsAllowed(
      @ForAll("allowed") Allowed template, @ForAll("values") String value) {
    SqlTemplate t = new SqlTemplate(template.sql());
    if (!wellFormed(value)) {
      assertThatThrownBy(() -> t.render(Map.of("v", value)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unpaired surrogate");
      return;
    }
    if (template.bare() && DATE_SHAPE.matcher(value).matches() && !isDate(value)) {
      assertThatThrownBy(() -> t.render(Map.of("v", value)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("looks like a date");
      return;
    }
    String rendered = t.render(Map.of("v", value));
    LogicalPlan plan = parse(rendered);
    LogicalPlan benign = parse(t.render(Map.of("v", BENIGN)));
    assertThat(masked(plan)).as(rendered).isEqualTo(masked(benign));

    List<Literal> got = literals(plan);
    List<Literal> want = literals(benign);
    int found = 0;
    for (int i = 0; i < want.size(); i++) {
      String benignValue = want.get(i).toString();
      if (!benignValue.contains(BENIGN)) {
        continue;
      }
      found++;
      Literal lit = got.get(i);
      if (benignValue.equals(BENIGN) && !isString(lit)) {
        // a bare value typed by its shape
        assertThat(roundTrip(lit)).as(rendered).isEqualTo(canonical(value));
      } else {
        assertThat(isString(lit)).as(rendered).isTrue();
        assertThat(lit.eval(null).toString())
            .as(rendered)
            .isEqualTo(benignValue.replace(BENIGN, value));
      }
    }
    assertThat(found).as(rendered).isPositive();
    if (template.bare() && NUMBER.matcher(value).matches()) {
      assertThat(got).as(rendered).anyMatch(l -> l.dataType() instanceof NumericType);
    } else if (template.bare() && isDate(value)) {
      assertThat(got).as(rendered).anyMatch(l -> l.dataType().equals(DataTypes.DateType));
    }
  }

  @Property(tries = 1500)
  void aPlaceholderElsewhereIsRefused(
      @ForAll("refused") String template, @ForAll("values") String value) {
    assertThatThrownBy(() -> new SqlTemplate(template).render(Map.of("v", value)))
        .as(template)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{{ v }} is inside ");
  }

  @Property(tries = 1500)
  void theDeclaredTypeDecides(
      @ForAll("declaredTypes") String type, @ForAll("values") String value) {
    SqlTemplate t =
        new SqlTemplate("-- parameter: v " + type + " x\nSELECT 5-{{ v }} AS a, '{{ v }}' AS b");
    boolean fits =
        wellFormed(value)
            && switch (type) {
              case "number" -> NUMBER.matcher(value).matches();
              case "date" -> isDate(value);
              default -> true;
            };
    if (!fits) {
      assertThatThrownBy(() -> t.render(Map.of("v", value)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("query parameter v is ")
          .hasMessageContaining(wellFormed(value) ? "declared " + type : "unpaired surrogate");
      return;
    }
    String rendered = t.render(Map.of("v", value));
    List<Literal> lits = literals(parse(rendered));
    assertThat(lits).as(rendered).hasSize(3);
    Literal bare = lits.get(1);
    switch (type) {
      case "number" -> assertThat(bare.dataType()).as(rendered).isInstanceOf(NumericType.class);
      case "date" -> assertThat(bare.dataType()).as(rendered).isEqualTo(DataTypes.DateType);
      default -> assertThat(bare.dataType()).as(rendered).isEqualTo(DataTypes.StringType);
    }
    assertThat(type.equals("text") ? bare.eval(null).toString() : roundTrip(bare))
        .as(rendered)
        .isEqualTo(type.equals("text") ? value : canonical(value));
    assertThat(lits.get(2).eval(null).toString()).as(rendered).isEqualTo(value);
  }

  @Provide
  Arbitrary<String> declaredTypes() {
    return Arbitraries.of("number", "date", "text");
  }

  private static LogicalPlan parse(String sql) {
    return SQLConf.withExistingConf(CONF, () -> PARSER.parsePlan(sql));
  }

  private static final Literal MASK = new Literal(UTF8String.fromString("?"), DataTypes.StringType);

  /** The plan's text with every literal masked and expression ids dropped. */
  private static String masked(LogicalPlan plan) {
    LogicalPlan m =
        plan.transformAllExpressions(
            new AbstractPartialFunction<Expression, Expression>() {
              @Override
              public boolean isDefinedAt(Expression e) {
                return e instanceof Literal;
              }

              @Override
              public Expression apply(Expression e) {
                return MASK;
              }
            });
    return m.treeString().replaceAll("#\\d+L?", "#");
  }

  private static List<Literal> literals(LogicalPlan plan) {
    List<Literal> out = new ArrayList<>();
    collect(plan, out);
    return out;
  }

  private static void collect(LogicalPlan plan, List<Literal> out) {
    for (Expression e :
        org.mozilla.balrog.logs.testing.ScalaCollections.asJava(plan.expressions())) {
      collect(e, out);
    }
    for (LogicalPlan child :
        org.mozilla.balrog.logs.testing.ScalaCollections.asJava(plan.children())) {
      collect(child, out);
    }
  }

  private static void collect(Expression e, List<Literal> out) {
    if (e instanceof Literal l) {
      out.add(l);
      return;
    }
    for (Expression child : org.mozilla.balrog.logs.testing.ScalaCollections.asJava(e.children())) {
      collect(child, out);
    }
  }

  private static boolean isString(Literal l) {
    return l.dataType().equals(DataTypes.StringType);
  }

  /** A typed literal's value in the value's own spelling. */
  private static String roundTrip(Literal l) {
    Object v = l.eval(null);
    if (l.dataType().equals(DataTypes.DateType)) {
      return LocalDate.ofEpochDay((Integer) v).toString();
    }
    return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
  }

  private static String canonical(String value) {
    return NUMBER.matcher(value).matches()
        ? new BigDecimal(value).stripTrailingZeros().toPlainString()
        : value;
  }

  /** Spark strings are UTF-8: a lone surrogate cannot be held, so such a value is refused. */
  private static boolean wellFormed(String value) {
    return value
        .codePoints()
        .noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
  }

  private static boolean isDate(String value) {
    try {
      return DATE_SHAPE.matcher(value).matches() && LocalDate.parse(value) != null;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }
}
