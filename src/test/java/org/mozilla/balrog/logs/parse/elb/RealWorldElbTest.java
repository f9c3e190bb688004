package org.mozilla.balrog.logs.parse.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mozilla.balrog.logs.model.ElbEntry;
import org.mozilla.balrog.logs.parse.ParseResult;
import org.mozilla.balrog.logs.parse.RealWorld;
import org.mozilla.balrog.logs.parse.RejectReason;

/**
 * Classic ELB and ALB lines other projects' test suites hold ({@code shared/realworld/}, see its
 * README.md): every line of the non-negative files parses, the negative lines are rejected or,
 * where the spec allows them, parsed with the reason given.
 */
class RealWorldElbTest {
  private final ElbLineParser parser = new ElbLineParser();

  private ElbEntry parsed(RealWorld.Line l) {
    ParseResult<ElbEntry> r = parser.parse(l.text());
    assertThat(r.isOk()).as("%s for %s", r, l).isTrue();
    return r.value();
  }

  @TestFactory
  Stream<DynamicTest> classicLinesParse() {
    return RealWorld.perLine("elb_classic.log", this::parsed);
  }

  @TestFactory
  Stream<DynamicTest> albLinesParse() {
    return RealWorld.perLine("alb.log", this::parsed);
  }

  /**
   * {@code -1} byte counts: docs/formats.md#classic-elb-entries documents {@code -1} for times
   * only.
   */
  @TestFactory
  Stream<DynamicTest> classicNegativeIsRejected() {
    return RealWorld.perLine(
        "elb_classic_negative.log",
        l ->
            assertThat(parser.parse(l.text()).reason())
                .as("%s", l)
                .isEqualTo(RejectReason.BAD_NUMBER));
  }

  /**
   * Accepted, as the spec allows it: the line has 25 fields, ending with {@code "actions_executed"
   * "redirect_url" "error_reason"}, the shape of ALB logs before the later fields were appended
   * (docs/formats.md#alb-entries; AWS only ever appends), exactly like alb.log lines 16 and 17; it
   * differs from line 16 only by {@code chosen_cert_arn} {@code "session-reused"}, a value AWS
   * documents for that field.
   */
  @TestFactory
  Stream<DynamicTest> albNegativeHasTheShapeOfOlderAlbLogs() {
    return RealWorld.perLine(
        "alb_negative.log",
        l -> {
          ElbEntry e = parsed(l);
          assertThat(e.elbResponseCode()).as("%s", l).isEqualTo(502);
        });
  }
}
