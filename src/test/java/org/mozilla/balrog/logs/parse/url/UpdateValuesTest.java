package org.mozilla.balrog.logs.parse.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateValuesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "release",
        "beta",
        "aurora",
        "nightly",
        "esr",
        "default",
        "release-localtest",
        "beta-cdntest",
        "esr-localtest"
      })
  void balrogChannels(String channel) {
    assertThat(UpdateValues.isBalrogChannel(channel)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Release",
        "release-cck-foo",
        "nightly-elm",
        "my-channel",
        "release-localtest-x",
        "198.51.100.7",
        "release "
      })
  void notBalrogChannels(String channel) {
    assertThat(UpdateValues.isBalrogChannel(channel)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "145.0",
        "146.0b9",
        "148.0a1",
        "140.5.0esr",
        "3.6.28",
        "115.18.0esr",
        "60.5.1",
        "2.0rc1"
      })
  void versions(String version) {
    assertThat(UpdateValues.isVersion(version)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "145",
        "not a version",
        "145.0-john",
        "1.2.3.4.5",
        "v145.0",
        "145.0b",
        "%VERSION%"
      })
  void notVersions(String version) {
    assertThat(UpdateValues.isVersion(version)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "198.51.100.77",
        "2001:db8::1",
        "::ffff:10.0.0.1",
        "WINNT_10.1.2.3-msvc",
        "x 192.0.2.1",
        "fe80::1%eth0"
      })
  void anAddressAnywhereBecomesOther(String value) {
    assertThat(UpdateValues.withoutAddress(value)).isEqualTo(UpdateValues.OTHER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "145.0",
        "WINNT_x86_64-msvc-x64",
        "Windows_NT 10.0.0.0.19045",
        "release",
        "14:02:03"
      })
  void otherValuesStay(String value) {
    assertThat(UpdateValues.withoutAddress(value)).isEqualTo(value);
  }

  @org.junit.jupiter.api.Test
  void productsAreBalrogs() {
    assertThat(UpdateValues.isKnownProduct("Firefox")).isTrue();
    assertThat(UpdateValues.isKnownProduct("SystemAddons")).isTrue();
    assertThat(UpdateValues.isKnownProduct("firefox")).isFalse();
    assertThat(UpdateValues.isKnownProduct(null)).isFalse();
  }
}
