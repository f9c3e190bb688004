package org.mozilla.balrog.logs.parse.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mozilla.balrog.logs.model.RequestKind;
import org.mozilla.balrog.logs.model.UpdateRequest;

class UpdateUrlParserPropertiesTest {
  private final UpdateUrlParser parser = new UpdateUrlParser();

  @Property(tries = 3000)
  void neverThrowsNeverNull(@ForAll("urlish") String url) {
    UpdateRequest r = parser.parseUnguarded(url);
    assertThat(r).isNotNull();
    assertThat(parser.parse(url)).isEqualTo(r);
    UpdateUrlParser.path(url);
    UpdateUrlParser.host(url);
    if (r.kind() != RequestKind.UPDATE && r.kind() != RequestKind.JSON) {
      assertThat(r.product()).isNull();
      assertThat(r.force()).isNull();
    } else {
      assertThat(r.queryVersion()).isNotNull();
      assertThat(r.testChannel()).isEqualTo(UpdateUrlParser.isTestChannel(r.channel()));
    }
  }

  @Property(tries = 1000)
  void anyUpdatePathIsAnUpdate(@ForAll("segments") List<String> segments) {
    String url = "/update/6/" + String.join("/", segments) + "/update.xml";
    UpdateRequest r = parser.parseUnguarded(url);
    assertThat(r.kind()).isEqualTo(RequestKind.UPDATE);
    assertThat(r.queryVersion()).isEqualTo(6);
    if (!segments.isEmpty()) {
      assertThat(r.product()).isEqualTo(PercentDecoder.decodeRepeatedly(segments.get(0)));
    }
  }

  @Provide
  Arbitrary<String> urlish() {
    Arbitrary<String> body =
        Arbitraries.strings()
            .withChars("/%?=&:_-. +25FA3")
            .withCharRange('a', 'z')
            .withChars('\0', '\ufffd', '\ud800', '#', '[', ']', '@')
            .ofMaxLength(120);
    Arbitrary<String> prefix =
        Arbitraries.of(
            "",
            "/update/6/",
            "/update/3/",
            "/json/1/",
            "/json/2/",
            "https://aus5.mozilla.org:443/update/6/",
            "/api/",
            "/__");
    Arbitrary<String> suffix =
        Arbitraries.of("", "/update.xml", "/update.json", "/update.xml?force=1%3Favast=1");
    return net.jqwik.api.Combinators.combine(prefix, body, suffix).as((p, b, s) -> p + b + s);
  }

  @Provide
  Arbitrary<List<String>> segments() {
    return Arbitraries.strings()
        .withChars("%25AF0 +-_.&=") // no '?': it starts the query
        .withCharRange('a', 'z')
        .ofMinLength(1)
        .ofMaxLength(12)
        .list()
        .ofMaxSize(12);
  }
}
