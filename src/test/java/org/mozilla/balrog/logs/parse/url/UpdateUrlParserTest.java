package org.mozilla.balrog.logs.parse.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mozilla.balrog.logs.model.RequestKind;
import org.mozilla.balrog.logs.model.UpdateRequest;

class UpdateUrlParserTest {
  private final UpdateUrlParser parser = new UpdateUrlParser();

  private UpdateRequest parse(String url) {
    UpdateRequest r = parser.parseUnguarded(url);
    assertThat(parser.parse(url)).isEqualTo(r);
    return r;
  }

  // ------------------------------------------------------------------ /update routes

  @Test
  void update6FromTheFormatsExample() {
    UpdateRequest r =
        parse(
            "https://aus5.mozilla.org:443/update/6/Firefox/65.0.2/20190225143245/WINNT_x86_64-msvc-x64/en-US/release/"
                + "Windows_NT%2010.0.0.0.17763.316%20(x64)/ISET:SSE4_2,MEM:8192/default/default/update.xml");
    assertThat(r)
        .isEqualTo(
            new UpdateRequest(
                RequestKind.UPDATE,
                6,
                "Firefox",
                "65.0.2",
                "20190225143245",
                "WINNT_x86_64-msvc-x64",
                "en-US",
                "release",
                "release",
                false,
                "Windows_NT 10.0.0.0.17763.316 (x64)",
                "ISET:SSE4_2,MEM:8192",
                "default",
                "default",
                "WINNT",
                "x86_64",
                null,
                null,
                null,
                null));
  }

  @Test
  void update6LinuxEsrWithEncodedComma() {
    UpdateRequest r =
        parse(
            "https://aus5.mozilla.org:443/update/6/Firefox/60.5.1/20190212162337/Linux_x86_64-gcc3/en-US/esr/"
                + "Linux%204.15.0-45-generic%20(GTK%203.22.30%2Clibpulse%2011.1)/ISET:SSE4_2,MEM:15936/default/default/"
                + "update.xml");
    assertThat(r.osVersion()).isEqualTo("Linux 4.15.0-45-generic (GTK 3.22.30,libpulse 11.1)");
    assertThat(r.systemCapabilities()).isEqualTo("ISET:SSE4_2,MEM:15936");
    assertThat(r.channel()).isEqualTo("esr");
    assertThat(r.os()).isEqualTo("Linux");
    assertThat(r.arch()).isEqualTo("x86_64");
    assertThat(r.version()).isEqualTo("60.5.1");
  }

  @Test
  void update6CurrentGeckoEncodingWithDoubleEncodedOsVersion() {
    UpdateRequest r =
        parse(
            "/update/6/Firefox/120.0/20231113165053/WINNT_aarch64-msvc-aarch64/de/release/"
                + "Windows_NT%252010.0.0.0.22631.2715%2520(aarch64)/ISET%3ANEON%2CMEM%3A16384/default/default/update.xml");
    assertThat(r.osVersion()).isEqualTo("Windows_NT 10.0.0.0.22631.2715 (aarch64)");
    assertThat(r.systemCapabilities()).isEqualTo("ISET:NEON,MEM:16384");
    assertThat(r.os()).isEqualTo("WINNT");
    assertThat(r.arch()).isEqualTo("aarch64");
    assertThat(r.locale()).isEqualTo("de");
  }

  @Test
  void update6WithRawSpacesAsSentByBots() {
    UpdateRequest r =
        parse(
            "/update/6/Firefox/65.0/20190225143245/WINNT_x86_64-msvc-x64/en-US/release/Windows_NT"
                + " 10.0.0.0.17763.316 (x64)/ISET:SSE4_2,MEM:8192/default/default/update.xml");
    assertThat(r.kind()).isEqualTo(RequestKind.UPDATE);
    assertThat(r.osVersion()).isEqualTo("Windows_NT 10.0.0.0.17763.316 (x64)");
    assertThat(r.distVersion()).isEqualTo("default");
  }

  @Test
  void update1HasNoOsVersion() {
    UpdateRequest r =
        parse("/update/1/Firefox/3.0.19/2010030423/WINNT_x86-msvc/en-GB/release/update.xml");
    assertThat(r.kind()).isEqualTo(RequestKind.UPDATE);
    assertThat(r.queryVersion()).isEqualTo(1);
    assertThat(r.product()).isEqualTo("Firefox");
    assertThat(r.version()).isEqualTo("3.0.19");
    assertThat(r.buildId()).isEqualTo("2010030423");
    assertThat(r.buildTarget()).isEqualTo("WINNT_x86-msvc");
    assertThat(r.locale()).isEqualTo("en-GB");
    assertThat(r.channel()).isEqualTo("release");
    assertThat(r.osVersion()).isNull();
    assertThat(r.systemCapabilities()).isNull();
    assertThat(r.distribution()).isNull();
    assertThat(r.distVersion()).isNull();
    assertThat(r.os()).isEqualTo("WINNT");
    assertThat(r.arch()).isEqualTo("x86");
  }

  @Test
  void update2AddsOsVersion() {
    UpdateRequest r =
        parse(
            "/update/2/Firefox/3.6.13/20101203075014/Darwin_Universal-gcc3/fr/release/Darwin%2010.5.0/update.xml");
    assertThat(r.queryVersion()).isEqualTo(2);
    assertThat(r.channel()).isEqualTo("release");
    assertThat(r.osVersion()).isEqualTo("Darwin 10.5.0");
    assertThat(r.distribution()).isNull();
    assertThat(r.os()).isEqualTo("Darwin");
    assertThat(r.arch()).isEqualTo("Universal");
  }

  @Test
  void update3GmpAddsDistribution() {
    UpdateRequest r =
        parse(
            "https://aus5.mozilla.org/update/3/GMP/65.0.2/20190225143245/WINNT_x86-msvc-x64/en-US/release/"
                + "Windows_NT%2010.0.0.0.17763.316%20(x64)/mozilla-EMEfree/1.0/update.xml");
    assertThat(r.queryVersion()).isEqualTo(3);
    assertThat(r.product()).isEqualTo("GMP");
    assertThat(r.osVersion()).isEqualTo("Windows_NT 10.0.0.0.17763.316 (x64)");
    assertThat(r.systemCapabilities()).isNull();
    assertThat(r.distribution()).isEqualTo("mozilla-EMEfree");
    assertThat(r.distVersion()).isEqualTo("1.0");
    assertThat(r.arch()).isEqualTo("x86");
  }

  @Test
  void update3EsrpreVersionLosesTheSuffixLikeBalrogsRoute() {
    UpdateRequest r =
        parse(
            "/update/3/Firefox/31.0esrpre/20140601030203/Linux_x86_64-gcc3/en-US/nightly-esr31/Linux%203.2/"
                + "default/default/update.xml");
    assertThat(r.version()).isEqualTo("31.0");
    assertThat(r.channel()).isEqualTo("nightly-esr31");
    // only /update/3 has the esrpre route
    assertThat(
            parse(
                    "/update/6/Firefox/31.0esrpre/1/Linux_x86_64-gcc3/en-US/nightly/Linux/NA/default/default/update.xml")
                .version())
        .isEqualTo("31.0esrpre");
  }

  @Test
  void update4FennecIgnoresPlatformVersion() {
    UpdateRequest r =
        parse(
            "/update/4/Fennec/42.0/20151102105005/Android_arm-eabi-gcc3/en-US/release/Android%2022%20(armeabi-v7a)/"
                + "default/default/42.0/update.xml");
    assertThat(r.queryVersion()).isEqualTo(4);
    assertThat(r.product()).isEqualTo("Fennec");
    assertThat(r.osVersion()).isEqualTo("Android 22 (armeabi-v7a)");
    assertThat(r.distribution()).isEqualTo("default");
    assertThat(r.distVersion()).isEqualTo("default");
    assertThat(r.systemCapabilities()).isNull();
    assertThat(r.os()).isEqualTo("Android");
    assertThat(r.arch()).isEqualTo("arm");
  }

  @Test
  void update5B2gIgnoresImei() {
    UpdateRequest r =
        parse(
            "/update/5/B2G/2.0/20140801/flame-kk/en-US/nightly/Boot2Gecko%202.0/default/default/3567801234/update.xml");
    assertThat(r.queryVersion()).isEqualTo(5);
    assertThat(r.buildTarget()).isEqualTo("flame-kk");
    assertThat(r.osVersion()).isEqualTo("Boot2Gecko 2.0");
    assertThat(r.distVersion()).isEqualTo("default");
    assertThat(r.os()).isEqualTo("flame-kk"); // no '_': the whole build target
    assertThat(r.arch()).isNull();
  }

  @Test
  void wrongSegmentCountKeepsOnlyTheSharedLeadingFields() {
    // /update/6 with osVersion..distVersion missing
    UpdateRequest tooFew =
        parse(
            "/update/6/Firefox/65.0/20190225143245/WINNT_x86_64-msvc-x64/en-US/release-cck-x/update.xml");
    assertThat(tooFew.kind()).isEqualTo(RequestKind.UPDATE);
    assertThat(tooFew.queryVersion()).isEqualTo(6);
    assertThat(tooFew.product()).isEqualTo("Firefox");
    assertThat(tooFew.channel()).isEqualTo("release-cck-x");
    assertThat(tooFew.channelNormalized()).isEqualTo("release");
    assertThat(tooFew.os()).isEqualTo("WINNT");
    assertThat(tooFew.osVersion()).isNull();
    assertThat(tooFew.distribution()).isNull();

    UpdateRequest tooMany =
        parse(
            "/update/6/Firefox/65.0/1/WINNT_x86-msvc-x86/en-US/beta/Windows_NT"
                + " 6.1/extra/ISET/default/default/update.xml");
    assertThat(tooMany.channel()).isEqualTo("beta");
    assertThat(tooMany.osVersion()).isNull();
    assertThat(tooMany.systemCapabilities()).isNull();
    assertThat(tooMany.distVersion()).isNull();

    UpdateRequest veryShort = parse("/update/6/Firefox/65.0/update.xml?force=1");
    assertThat(veryShort.product()).isEqualTo("Firefox");
    assertThat(veryShort.version()).isEqualTo("65.0");
    assertThat(veryShort.buildId()).isNull();
    assertThat(veryShort.os()).isNull();
    assertThat(veryShort.force()).isEqualTo("1");

    UpdateRequest empty = parse("/update/6/update.xml");
    assertThat(empty.kind()).isEqualTo(RequestKind.UPDATE);
    assertThat(empty.queryVersion()).isEqualTo(6);
    assertThat(empty.product()).isNull();
    assertThat(empty.testChannel()).isFalse();
  }

  @Test
  void unknownQueryVersionIsStillAnUpdate() {
    UpdateRequest r =
        parse("/update/42/Firefox/65.0/1/Linux_x86-gcc3/en-US/aurora/Linux/a/b/c/update.xml");
    assertThat(r.kind()).isEqualTo(RequestKind.UPDATE);
    assertThat(r.queryVersion()).isEqualTo(42);
    assertThat(r.channel()).isEqualTo("aurora");
    assertThat(r.osVersion()).isNull();
    assertThat(r.arch()).isEqualTo("x86");
  }

  // ------------------------------------------------------------------ osVersion, channel, query
  // rules

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Windows_NT%2010.0.0.0.16299.371%20(x64)(noBug1296630v1)(nowebsense)|Windows_NT"
            + " 10.0.0.0.16299.371 (x64)",
        "Windows_NT%2010.0%20(x64)(noBug1296630v1)|Windows_NT 10.0 (x64)",
        "Windows_NT%2010.0%20(x64)(nowebsense)|Windows_NT 10.0 (x64)",
        "Windows_NT%206.1.1.0%20(x64)%28noBug1296630v1%29%28nowebsense%29|Windows_NT 6.1.1.0 (x64)",
        "Darwin%2019.6.0(noBug1296630v1)(nowebsense)|Darwin 19.6.0",
        "Linux+5.4.0-53-generic+(GTK+3.24.20)|Linux+5.4.0-53-generic+(GTK+3.24.20)",
        "Linux%2B5.4%205|Linux+5.4 5",
        "100%25%20sure|100% sure",
        "%E2%82%AC%ZZ|€%ZZ",
      })
  void osVersionIsDecodedAndCleaned(String segment, String expected) {
    UpdateRequest r =
        parse(
            "/update/6/Firefox/63.0/20181018182531/WINNT_x86_64-msvc-x64/en-US/release/"
                + segment
                + "/NA/default/default/update.xml");
    assertThat(r.osVersion()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "release|release|false",
        "release-cck-mozilla123|release|false",
        "release-cck-yandex-yandex|release|false",
        "release-localtest|release-localtest|true",
        "beta-cdntest|beta-cdntest|true",
        "esr-localtest|esr-localtest|true",
        "release-localtest-cck-foo|release-localtest|true",
        "release-cck-foo-cdntest|release|true",
        "localtest|localtest|false",
        "release-localtest2|release-localtest2|false",
        "nightly-cck-|nightly|false",
        "-cck-x|''|false",
        "default|default|false",
      })
  void channelFoldingAndTestChannels(String channel, String normalized, boolean test) {
    UpdateRequest r =
        parse(
            "/update/6/Firefox/65.0/1/Linux_x86_64-gcc3/en-US/"
                + channel
                + "/Linux/ISET/default/default/update.xml");
    assertThat(r.channel()).isEqualTo(channel);
    assertThat(r.channelNormalized()).isEqualTo(normalized);
    assertThat(r.testChannel()).isEqualTo(test);
    assertThat(UpdateUrlParser.isTestChannel(channel)).isEqualTo(test);
    assertThat(UpdateUrlParser.normalizeChannel(channel)).isEqualTo(normalized);
  }

  @Test
  void channelRulesOnNull() {
    assertThat(UpdateUrlParser.isTestChannel(null)).isFalse();
    assertThat(UpdateUrlParser.normalizeChannel(null)).isNull();
  }

  @Test
  void encodedChannelIsDecodedBeforeTheRules() {
    UpdateRequest r =
        parse(
            "/update/6/Firefox/65.0/1/Linux_x86_64-gcc3/en-US/beta%2Dcdntest/Linux/a/b/c/update.xml");
    assertThat(r.channel()).isEqualTo("beta-cdntest");
    assertThat(r.testChannel()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "force=1|1|null|null|null",
        "force=-1|-1|null|null|null",
        "force=1?avast=1|1|null|null|1",
        "force=1%3Favast=1|1|null|null|1",
        "force=1%3favast=1|1|null|null|1",
        "force=1?avast=1&avast=2|1|null|null|1",
        "avast=1&force=1|1|null|null|1",
        "force=1&force=0|1|null|null|null",
        "mig64=1|null|1|null|null",
        "mig64=true&pin=102.|null|true|102.|null",
        "pin=115.0.|null|null|115.0.|null",
        "pin=1%2E|null|null|1.|null",
        "force|''|null|null|null",
        "other=1&&=&force=2|2|null|null|null",
        "force=1+2|1+2|null|null|null",
      })
  void queryParameters(String query, String force, String mig64, String pin, String avast) {
    UpdateRequest r =
        parse(
            "https://aus5.mozilla.org/update/6/Firefox/65.0/1/WINNT_x86-msvc-x64/en-US/release/W/I/d/d/update.xml?"
                + query);
    assertThat(r.force()).isEqualTo(force);
    assertThat(r.mig64()).isEqualTo(mig64);
    assertThat(r.pin()).isEqualTo(pin);
    assertThat(r.avast()).isEqualTo(avast);
    assertThat(r.arch()).isEqualTo("x86");
  }

  @Test
  void updateWithoutQueryHasNoForce() {
    UpdateRequest r =
        parse("/update/6/Firefox/65.0/1/WINNT_x86-msvc-x64/en-US/release/W/I/d/d/update.xml");
    assertThat(r.force()).isNull();
    assertThat(r.mig64()).isNull();
    assertThat(r.pin()).isNull();
    assertThat(r.avast()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "WINNT_x86_64-msvc-x64|WINNT|x86_64",
        "WINNT_x86-msvc-x64|WINNT|x86",
        "WINNT_aarch64-msvc-aarch64|WINNT|aarch64",
        "WINNT_x86_64|WINNT|x86_64",
        "Darwin_x86_64-gcc3-u-i386-x86_64|Darwin|x86_64",
        "Darwin_aarch64-gcc3|Darwin|aarch64",
        "Linux_x86-gcc3|Linux|x86",
        "Linux_x86_64-gcc3-asan|Linux|x86_64",
        "Android_arm-eabi-gcc3|Android|arm",
        "flame-kk|flame-kk|null",
        "_x86|null|x86",
        "WINNT_|WINNT|null",
        "WINNT_-msvc|WINNT|null",
      })
  void osAndArchFromBuildTarget(String buildTarget, String os, String arch) {
    assertThat(UpdateUrlParser.os(buildTarget)).isEqualTo(os);
    assertThat(UpdateUrlParser.arch(buildTarget)).isEqualTo(arch);
  }

  // ------------------------------------------------------------------ /json routes

  @Test
  void json1() {
    UpdateRequest r =
        parse(
            "https://aus5.mozilla.org/json/1/FirefoxVPN/2.14.0/WINNT_x86_64/release/update.json?force=1");
    assertThat(r.kind()).isEqualTo(RequestKind.JSON);
    assertThat(r.queryVersion()).isEqualTo(1);
    assertThat(r.product()).isEqualTo("FirefoxVPN");
    assertThat(r.version()).isEqualTo("2.14.0");
    assertThat(r.buildTarget()).isEqualTo("WINNT_x86_64");
    assertThat(r.channel()).isEqualTo("release");
    assertThat(r.osVersion()).isNull();
    assertThat(r.buildId()).isNull();
    assertThat(r.locale()).isNull();
    assertThat(r.os()).isEqualTo("WINNT");
    assertThat(r.arch()).isEqualTo("x86_64");
    assertThat(r.force()).isEqualTo("1");
  }

  @Test
  void json2AddsOsVersion() {
    UpdateRequest r =
        parse("/json/2/FirefoxVPN/2.20.0/Darwin_x86_64/beta-cdntest/Darwin%2023.1.0/update.json");
    assertThat(r.kind()).isEqualTo(RequestKind.JSON);
    assertThat(r.queryVersion()).isEqualTo(2);
    assertThat(r.osVersion()).isEqualTo("Darwin 23.1.0");
    assertThat(r.testChannel()).isTrue();
    UpdateRequest wrong = parse("/json/2/Guardian/1.0/WINNT_x86_64/release/update.json");
    assertThat(wrong.kind()).isEqualTo(RequestKind.JSON);
    assertThat(wrong.channel()).isEqualTo("release");
    assertThat(wrong.osVersion()).isNull();
  }

  // ------------------------------------------------------------------ other kinds and junk

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/__heartbeat__",
        "/__lbheartbeat__",
        "/__version__",
        "https://aus5.mozilla.org:443/__heartbeat__",
        "http://10.0.4.21:8080/__lbheartbeat__?probe=1",
      })
  void dockerflow(String url) {
    assertOnlyKind(parse(url), RequestKind.DOCKERFLOW);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/rules/firefox-release",
        "https://aus-api.mozilla.org:443/api/v1/releases/Firefox-65.0-build2/builds/WINNT_x86_64-msvc/en-US",
        "/api",
        "/api/v1/emergency_shutoff?force=1",
      })
  void api(String url) {
    assertOnlyKind(parse(url), RequestKind.API);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "-",
        "*",
        "/",
        "aus5.mozilla.org:443",
        "/robots.txt",
        "/contribute.json",
        "/__heartbeat__/",
        "/apix",
        "/update/6/Firefox/../../etc/passwd",
        "/update/x/Firefox/65.0/update.xml",
        "/update/update.xml",
        "/update/6/Firefox/update.xml.bak",
        "/json/1/FirefoxVPN/1.0/WINNT/release/update.xml",
        "//update/6/Firefox/update.xml",
        "https://aus5.mozilla.org:443",
        "https://aus5.mozilla.org:443?force=1",
        "\u0000\ufffd%%%/??",
        "/update/1234567890/Firefox/update.xml",
      })
  void other(String url) {
    assertOnlyKind(parse(url), RequestKind.OTHER);
  }

  private static void assertOnlyKind(UpdateRequest r, RequestKind kind) {
    assertThat(r)
        .isEqualTo(
            new UpdateRequest(
                kind, null, null, null, null, null, null, null, null, false, null, null, null, null,
                null, null, null, null, null, null));
  }

  // ------------------------------------------------------------------ path and host

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "https://aus5.mozilla.org:443/update/6/a%20b/update.xml?force=1|/update/6/a%20b/update.xml|aus5.mozilla.org",
        "HTTPS://AUS5.Mozilla.ORG/__version__|/__version__|aus5.mozilla.org",
        "http://[2001:db8::1]:80/x?y|/x|2001:db8::1",
        "http://user:pw@host.example:8080/p|/p|host.example",
        "https://aus5.mozilla.org:443|''|aus5.mozilla.org",
        "https://aus5.mozilla.org?force=1|''|aus5.mozilla.org",
        "https://aus5.mozilla.org#frag|''|aus5.mozilla.org",
        "/update/6/x/update.xml?force=1?avast=1|/update/6/x/update.xml|null",
        "/a b/c|/a b/c|null",
        "aus5.mozilla.org:443|aus5.mozilla.org:443|null",
        "https:///path|/path|null",
        "1http://x/y|1http://x/y|null",
        "''|''|null",
      })
  void pathAndHost(String url, String path, String host) {
    assertThat(UpdateUrlParser.path(url)).isEqualTo(path);
    assertThat(UpdateUrlParser.host(url)).isEqualTo(host);
  }

  @Test
  void pathAndHostOfNull() {
    assertThat(UpdateUrlParser.path(null)).isNull();
    assertThat(UpdateUrlParser.host(null)).isNull();
  }
}
