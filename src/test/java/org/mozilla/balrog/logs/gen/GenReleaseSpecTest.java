package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The release spec's text form, its defaults and the versions a run's releases bring. */
class GenReleaseSpecTest {
  static final Instant T = Instant.parse("2026-11-03T14:00:00Z");

  @Test
  void aBareSpecTakesTheKindsDefaults() {
    ReleaseSpec ga = ReleaseSpec.parse("ga@2026-11-03T14:00Z");
    assertThat(ga).isEqualTo(new ReleaseSpec(ReleaseSpec.Kind.GA, T, null, 24, 0.25));
    assertThat(ga).isEqualTo(new ReleaseSpec(ReleaseSpec.Kind.GA, T));
    assertThat(ga.rampEnd()).isEqualTo(Instant.parse("2026-11-04T14:00:00Z"));
    ReleaseSpec cs = ReleaseSpec.parse("Chemspill@2026-11-03T15:00+01:00");
    assertThat(cs).isEqualTo(new ReleaseSpec(ReleaseSpec.Kind.CHEMSPILL, T, null, 6, 0.6));
  }

  @Test
  void fieldsArePositionalAndAnEmptyOneKeepsItsDefault() {
    assertThat(ReleaseSpec.parse("chemspill@2026-11-03T14:00Z:145.0.3:6:0.6"))
        .isEqualTo(new ReleaseSpec(ReleaseSpec.Kind.CHEMSPILL, T, "145.0.3", 6, 0.6));
    assertThat(ReleaseSpec.parse("ga@2026-11-03T14:00:00Z:147.0"))
        .isEqualTo(new ReleaseSpec(ReleaseSpec.Kind.GA, T, "147.0", 24, 0.25));
    assertThat(ReleaseSpec.parse("ga@2026-11-03T14:00Z::12"))
        .isEqualTo(new ReleaseSpec(ReleaseSpec.Kind.GA, T, null, 12, 0.25));
    assertThat(ReleaseSpec.parse("ga@2026-11-03T14:00Z:::50%"))
        .isEqualTo(new ReleaseSpec(ReleaseSpec.Kind.GA, T, null, 24, 0.5));
    assertThat(ReleaseSpec.parse(" ga@2026-11-03T14:00Z::1.5:1 "))
        .isEqualTo(new ReleaseSpec(ReleaseSpec.Kind.GA, T, null, 1.5, 1));
  }

  @Test
  void theCanonicalFormParsesBack() {
    for (String text :
        List.of(
            "ga@2026-11-03T14:00:00Z",
            "chemspill@2026-11-03T14:00:00Z:145.0.3",
            "ga@2026-11-03T14:00:00Z::12",
            "ga@2026-11-03T14:00:00Z:::0.5",
            "chemspill@2026-11-03T14:00:00Z:145.0.3:2.5:0.9")) {
      ReleaseSpec s = ReleaseSpec.parse(text);
      assertThat(s.toString()).isEqualTo(text);
      assertThat(ReleaseSpec.parse(s.toString())).isEqualTo(s);
    }
  }

  @Test
  void badSpecsSayWhatIsWrong() {
    assertThatThrownBy(() -> ReleaseSpec.parse(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("empty release spec; expected KIND@TIME");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga"))
        .hasMessageContaining("release spec 'ga' has no '@'");
    assertThatThrownBy(() -> ReleaseSpec.parse("beta@2026-11-03T14:00Z"))
        .hasMessage(
            "unknown release kind 'beta' in 'beta@2026-11-03T14:00Z'; expected ga or chemspill");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@"))
        .hasMessageContaining("has no TIME after '@'");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00"))
        .hasMessageStartingWith("bad release time in 'ga@2026-11-03T14:00'")
        .hasMessageContaining("ISO-8601 with a zone");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-13-03T14:00Z"))
        .hasMessageStartingWith("bad release time");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z:12"))
        .hasMessageStartingWith("bad release version '12'")
        .hasMessageContaining("ga@2026-11-03T14:00Z::12");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z:146.0b1"))
        .hasMessageStartingWith("bad release version '146.0b1'");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z::0"))
        .hasMessage("ramp hours '0' in 'ga@2026-11-03T14:00Z::0' must be above 0");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z::-3"))
        .hasMessageStartingWith("bad ramp hours '-3'");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z::soon"))
        .hasMessageStartingWith("bad ramp hours 'soon'");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z:::1.5"))
        .hasMessageStartingWith("share '1.5' in 'ga@2026-11-03T14:00Z:::1.5' must be above 0 and")
        .hasMessageContaining("at most 1");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z:::0"))
        .hasMessageStartingWith("share '0'");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z:::120%"))
        .hasMessageStartingWith("share '120%'");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z:::half"))
        .hasMessageStartingWith("bad share 'half'");
    assertThatThrownBy(() -> ReleaseSpec.parse("ga@2026-11-03T14:00Z:147.0:6:0.5:x"))
        .hasMessageContaining("has 4 fields after TIME");
    assertThatThrownBy(() -> new ReleaseSpec(ReleaseSpec.Kind.GA, T, null, Double.NaN, 0.5))
        .hasMessageContaining("ramp hours must be above 0");
    assertThatThrownBy(() -> new ReleaseSpec(ReleaseSpec.Kind.GA, T, null, 6, 2))
        .hasMessageContaining("release share must be above 0 and at most 1");
  }

  @Test
  void versionsFollowOneAnotherFromTheCurrentRelease() {
    assertThat(ReleasePlan.nextVersion(ReleaseSpec.Kind.GA, "145.0.2")).isEqualTo("146.0");
    assertThat(ReleasePlan.nextVersion(ReleaseSpec.Kind.CHEMSPILL, "145.0.2")).isEqualTo("145.0.3");
    assertThat(ReleasePlan.nextVersion(ReleaseSpec.Kind.CHEMSPILL, "146.0")).isEqualTo("146.0.1");
    // given in any order, taken by start
    List<String[]> v =
        ReleasePlan.versions(
            ReleasePlan.sorted(
                List.of(
                    ReleaseSpec.parse("chemspill@2026-11-05T09:30Z"),
                    ReleaseSpec.parse("chemspill@2026-11-02T09:30Z"),
                    ReleaseSpec.parse("ga@2026-11-03T14:00Z"))));
    assertThat(v)
        .extracting(p -> p[0] + " -> " + p[1])
        .containsExactly(
            Population.RELEASE_VERSION + " -> 145.0.3", "145.0.3 -> 146.0", "146.0 -> 146.0.1");
  }

  @Test
  void aConfigRefusesAReleaseOfAVersionAlreadyOut() {
    Path out = Path.of("x");
    LocalDate d = LocalDate.parse("2026-11-02");
    List<ReleaseSpec> twice =
        List.of(
            ReleaseSpec.parse("ga@2026-11-02T10:00Z:146.0"),
            ReleaseSpec.parse("ga@2026-11-02T20:00Z:146.0"));
    assertThatThrownBy(
            () ->
                new GeneratorConfig(
                    out,
                    d,
                    1,
                    1,
                    1,
                    false,
                    false,
                    List.of(),
                    1,
                    true,
                    GeneratorConfig.RegressionLogs.STEADY,
                    twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brings Firefox 146.0, which is already on the release channel");
    assertThat(
            new GeneratorConfig(
                    out,
                    d,
                    1,
                    1,
                    1,
                    false,
                    false,
                    List.of(),
                    1,
                    true,
                    GeneratorConfig.RegressionLogs.STEADY,
                    null)
                .releases())
        .isEmpty();
    assertThat(GeneratorConfig.defaults(out, d).releases()).isEmpty();
  }
}
