package org.mozilla.balrog.logs.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "client 10.0.1.12 said|client <ip> said",
        "10.0.1.12|<ip>",
        "\"10.0.1.12\"|\"<ip>\"",
        "from 10.0.0.1.|from <ip>.",
        "(192.168.0.1)|(<ip>)",
        "a=255.255.255.255,b=0.0.0.0|a=<ip>,b=<ip>",
        "upstream: \"http://172.18.0.3:7070/rules\"|upstream: \"http://<ip>:7070/rules\"",
        "client: 10.0.1.12, server: |client: <ip>, server: ",
        "10.0.1.12:8080|<ip>:8080",
        "xff=1.2.3.4,5.6.7.8|xff=<ip>,<ip>",
        "2001:db8::1|<ip>",
        "[2001:db8::1]:443|[<ip>]:443",
        "http://[::1]/x|http://[<ip>]/x",
        "::ffff:10.0.0.1|<ip>",
        "[::ffff:10.0.0.1]:80|[<ip>]:80",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334 end|<ip> end",
        "fe80::1%eth0 up|<ip> up",
        "peer fe80::a:b:c:d.|peer <ip>.",
        "::1|<ip>",
        "host:fe80::1|host:<ip>",
        "client:10.0.0.1|client:<ip>",
        "64:ff9b::192.0.2.33|<ip>",
        "1::|<ip>",
        "/update?ip%3D10.0.0.1%2C10.0.0.2&x=1|/update?ip%3D<ip>%2C<ip>&x=1",
        "u=%5B2001:db8::1%5D|u=%5B<ip>%5D",
        "Windows_NT%2010.0.0.0.17763.316 and %2010.1.2.3|Windows_NT%2010.0.0.0.17763.316 and"
            + " %20<ip>"
      })
  void redactsAddresses(String in, String out) {
    assertThat(Redactor.redact(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Firefox/65.0.2",
        "GET /update/6/Firefox/65.0.2/20190225143245/WINNT_x86_64-msvc/en-US/release/Windows_NT"
            + " 10.0.0.0.17763.316 (x64)",
        "Windows_NT%2010.0.0.0.17763.316",
        "Mar  5 14:02:03 ip-10-0-4-21",
        "14:02:03.456",
        "2019-03-05T14:02:03.123+00:00",
        "docker/9b1c2d3e4f5a[1187]",
        "deadbeef:cafebabe",
        "v1.2.3.4",
        "1.2.3.256",
        "1.2.3",
        "00:1a:2b:3c:4d:5e",
        "std::string and Foo::Bar",
        "a :: b",
        "10:20:30:40:50:60:70:80:90",
        "rv:65.0",
        "req: 5123/5123",
        "1.2.3.4.5",
        "sha 0123456789abcdef0123456789abcdef"
      })
  void leavesNonAddressesAlone(String text) {
    assertThat(Redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void standaloneFourPartVersionCannotBeToldFromAnAddressAndIsRedacted() {
    // documented trade-off: privacy wins over readability
    assertThat(Redactor.redact("*** Starting uWSGI 2.0.17.1 (64bit)"))
        .isEqualTo("*** Starting uWSGI <ip> (64bit)");
  }

  @Test
  void longInputsWithoutAddressesStayUnchanged() {
    // regression guard against backtracking blow-ups: long runs of the characters the patterns look
    // for
    for (String unit : new String[] {"a:", "1.", "ab:cd.", "::", "9", ":1.2"}) {
      String text = unit.repeat(50_000);
      assertThat(Redactor.redact(text)).hasSizeGreaterThan(0);
    }
  }

  @Test
  void nullAndEmpty() {
    assertThat(Redactor.redact(null)).isNull();
    assertThat(Redactor.redact("")).isEmpty();
  }

  @Test
  void realLines() {
    assertThat(
            Redactor.redact(
                "[pid: 9|app: 0|req: 5123/5123] 10.0.4.5 () {38 vars in 790 bytes} [Tue Mar  5"
                    + " 14:02:03 2019] GET /update/6/Firefox/65.0.2/x => generated 42 bytes"))
        .isEqualTo(
            "[pid: 9|app: 0|req: 5123/5123] <ip> () {38 vars in 790 bytes} [Tue Mar  5 14:02:03"
                + " 2019] GET /update/6/Firefox/65.0.2/x => generated 42 bytes");
    assertThat(
            Redactor.redact(
                "admin 1551794523.456 \"2001:db8:1::ab9:C0A8:102\" \"GET / HTTP/1.1\" 200 1 2 -"
                    + " 0.087 0.085 \"ua\" \"-\""))
        .isEqualTo(
            "admin 1551794523.456 \"<ip>\" \"GET / HTTP/1.1\" 200 1 2 - 0.087 0.085 \"ua\" \"-\"");
  }
}
