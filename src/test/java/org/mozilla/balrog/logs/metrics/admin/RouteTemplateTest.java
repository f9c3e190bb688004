package org.mozilla.balrog.logs.metrics.admin;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTemplateTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/rules|/api/rules",
        "/api/rules?product=Firefox|/api/rules",
        "/api/rules/1234|/api/rules/{id}",
        "/api/rules/firefox-release|/api/rules/{id}",
        "/api/rules/1234/revisions?page=1|/api/rules/{id}/revisions",
        "/api/rules/columns/product|/api/rules/columns/{column}",
        "/api/rules/history|/api/rules/history",
        "/api/releases?names_only=1|/api/releases",
        "/api/releases/Firefox-146.0b9-build1|/api/releases/{release}",
        "/api/releases/Firefox-146.0b9-build1/builds/WINNT_x86_64-msvc-x64/en-US"
            + "|/api/releases/{release}/builds/{platform}/{locale}",
        "/api/releases/Firefox-1/read_only|/api/releases/{release}/read_only",
        "/api/releases/history|/api/releases/history",
        "/api/scheduled_changes/rules|/api/scheduled_changes/rules",
        "/api/scheduled_changes/rules?all=1|/api/scheduled_changes/rules",
        "/api/scheduled_changes/rules/41234|/api/scheduled_changes/rules/{sc_id}",
        "/api/scheduled_changes/rules/41234/enact|/api/scheduled_changes/rules/{sc_id}/enact",
        "/api/scheduled_changes/rules/41234/signoffs|/api/scheduled_changes/rules/{sc_id}/signoffs",
        "/api/scheduled_changes/rules/41234?data_version=2|/api/scheduled_changes/rules/{sc_id}",
        "/api/scheduled_changes/required_signoffs/product/5/revisions"
            + "|/api/scheduled_changes/required_signoffs/product/{sc_id}/revisions",
        "/api/scheduled_changes/emergency_shutoff/3/enact|/api/scheduled_changes/emergency_shutoff/{sc_id}/enact",
        "/api/required_signoffs/product|/api/required_signoffs/product",
        "/api/required_signoffs/permissions/revisions|/api/required_signoffs/permissions/revisions",
        "/api/emergency_shutoff|/api/emergency_shutoff",
        "/api/emergency_shutoff/Firefox/release|/api/emergency_shutoff/{product}/{channel}",
        "/api/users/current|/api/users/{username}",
        "/api/users/jane@mozilla.com/permissions/admin|/api/users/{username}/permissions/{permission}",
        "/api/csrf_token|/api/csrf_token",
        "/api/history/diff/release/12/data|/api/history/diff/release/{change_id}/{field}",
        "/api/v2/releases/Firefox-1/signoff|/api/v2/releases/{release}/signoff",
        "/api/v2/pins/Firefox/release/128.|/api/v2/pins/{product}/{channel}/{version}",
        "/api/rules/|/api/rules",
        "/rules/12|/rules/{id}",
        "/__heartbeat__|/__heartbeat__",
        "/__lbheartbeat__|/__lbheartbeat__",
        "/__version__?x=1|/__version__",
        "/|/",
        "/api|/api",
        "/api/unknown/123|/api/unknown/{id}",
        "/wp-login.php|/{value}",
        "/static/js/main.3f2a1b.js|/static/js/{value}",
        "/a/b/c/d/e/f/g/h|/a/b/c/d/e/f/…",
        "/api/foo/Jane%20Doe|/api/foo/{value}",
        "/api/foo/UPPER|/api/foo/{value}",
        "/x//y|/x/{value}/y",
      })
  void templates(String uri, String template) {
    assertThat(RouteTemplate.of(uri)).isEqualTo(template);
  }

  @Test
  void nonPaths() {
    assertThat(RouteTemplate.of(null)).isEqualTo("other");
    assertThat(RouteTemplate.of("")).isEqualTo("other");
    assertThat(RouteTemplate.of("*")).isEqualTo("other");
    assertThat(RouteTemplate.of("http://evil/x")).isEqualTo("other");
  }

  @Test
  void dockerflow() {
    assertThat(RouteTemplate.isDockerflow("/__heartbeat__")).isTrue();
    assertThat(RouteTemplate.isDockerflow("/__version__?a=b")).isTrue();
    assertThat(RouteTemplate.isDockerflow("/__other__")).isFalse();
    assertThat(RouteTemplate.isDockerflow(null)).isFalse();
  }

  @Property(tries = 300)
  void userValuesNeverReachATemplate(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 20) String value) {
    String user = value + "@example.com";
    for (String uri :
        new String[] {
          "/api/users/" + user,
          "/api/unknown/" + user,
          "/api/releases/" + user + "/builds/a/b",
          "/api/rules/1?x=" + user
        }) {
      assertThat(RouteTemplate.of(uri)).doesNotContain(user).doesNotContain("@");
    }
  }

  @Property(tries = 200)
  void idsNeverChangeATemplate(@ForAll @NumericChars @StringLength(min = 1, max = 12) String id) {
    assertThat(RouteTemplate.of("/api/rules/" + id)).isEqualTo("/api/rules/{id}");
    assertThat(RouteTemplate.of("/api/scheduled_changes/rules/" + id + "/enact"))
        .isEqualTo("/api/scheduled_changes/rules/{sc_id}/enact");
    assertThat(RouteTemplate.of("/api/anything/" + id)).isEqualTo("/api/anything/{id}");
  }
}
