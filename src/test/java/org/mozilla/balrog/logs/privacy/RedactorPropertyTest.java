package org.mozilla.balrog.logs.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any IPv4 or IPv6 address, in any usual spelling, is gone after redaction whatever text surrounds
 * it.
 */
class RedactorPropertyTest {

  /**
   * Separators that end an address: not hex, not {@code .} or {@code :} (which would extend it),
   * not a word char.
   */
  private static final List<String> SEPARATORS =
      List.of(
          " ", "\t", ",", ";", "=", "(", ")", "\"", "'", "[", "]", "/", "<", ">", "|", "{", "}",
          "?", "&", "!");

  @Property(tries = 2000)
  void addressInRandomTextIsRedacted(
      @ForAll("text") String prefix,
      @ForAll("separator") String left,
      @ForAll("address") String address,
      @ForAll("separator") String right,
      @ForAll("text") String suffix) {
    String redacted = Redactor.redact(prefix + left + address + right + suffix);
    assertThat(redacted).doesNotContain(address).contains(Redactor.MASK);
  }

  @Property(tries = 500)
  void addressAloneIsExactlyTheMask(@ForAll("address") String address) {
    assertThat(Redactor.redact(address)).isEqualTo(Redactor.MASK);
  }

  @Property(tries = 500)
  void textWithoutAddressesIsUnchanged(@ForAll("text") String text) {
    // the random text never contains ':' or '.', so it can hold no address
    assertThat(Redactor.redact(text)).isEqualTo(text);
  }

  /**
   * The linear pre-checks never skip a text the patterns would match: on texts dense in digits, hex
   * letters, dots, colons and percent escapes, a pattern that finds something implies its pre-check
   * says "maybe".
   */
  @Property(tries = 5000)
  void preChecksNeverSkipAMatch(@ForAll("addressLike") String text) {
    if (Redactor.IPV4.matcher(text).find()) {
      assertThat(Redactor.mayHoldIpv4(text)).as(text).isTrue();
    }
    if (Redactor.IPV6_CANDIDATE.matcher(text).find()) {
      assertThat(Redactor.mayHoldIpv6(text)).as(text).isTrue();
    }
  }

  /** Texts made of the characters addresses are made of, and a few that end them. */
  @Provide
  Arbitrary<String> addressLike() {
    return Arbitraries.strings().withChars("0123456789abcdefABCDEFxz.:%_ -[]").ofMaxLength(30);
  }

  @Provide
  Arbitrary<String> separator() {
    return Arbitraries.of(SEPARATORS);
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789 _-/=,;()\"'[]{}!?&é€")
        .ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> address() {
    return Arbitraries.oneOf(ipv4(), ipv6Full(), ipv6Compressed(), ipv4Mapped());
  }

  private static Arbitrary<Integer> octet() {
    return Arbitraries.integers().between(0, 255);
  }

  private static Arbitrary<String> ipv4() {
    return Combinators.combine(octet(), octet(), octet(), octet())
        .as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
  }

  private static Arbitrary<int[]> groups() {
    return Arbitraries.integers()
        .between(0, 0xffff)
        .array(int[].class)
        .ofSize(8)
        .filter(
            g ->
                java.util.Arrays.stream(g)
                    .anyMatch(x -> x != 0)); // "::" alone is not redacted by design
  }

  private static Arbitrary<String> ipv6Full() {
    return Combinators.combine(groups(), Arbitraries.of(true, false))
        .as(
            (g, upper) -> {
              StringBuilder sb = new StringBuilder();
              for (int i = 0; i < 8; i++) {
                sb.append(i == 0 ? "" : ":").append(Integer.toHexString(g[i]));
              }
              return upper ? sb.toString().toUpperCase(java.util.Locale.ROOT) : sb.toString();
            });
  }

  /** RFC 5952 style: the longest run of zero groups (at least one, here) becomes {@code ::}. */
  private static Arbitrary<String> ipv6Compressed() {
    return Combinators.combine(
            groups(), Arbitraries.integers().between(0, 7), Arbitraries.integers().between(1, 8))
        .as(
            (g, start, len) -> {
              int end = Math.min(8, start + len);
              StringBuilder sb = new StringBuilder();
              for (int i = 0; i < start; i++) {
                sb.append(i == 0 ? "" : ":").append(Integer.toHexString(g[i]));
              }
              sb.append("::");
              for (int i = end; i < 8; i++) {
                sb.append(i == end ? "" : ":").append(Integer.toHexString(g[i]));
              }
              String s = sb.toString();
              return s.equals("::") ? "::1" : s;
            });
  }

  private static Arbitrary<String> ipv4Mapped() {
    return ipv4().map(v4 -> "::ffff:" + v4);
  }
}
