package org.mozilla.balrog.logs.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "198.51.100.77",
        "2001:db8::1",
        "::ffff:10.0.0.1",
        "WINNT_10.1.2.3-msvc",
        "x 192.0.2.1",
        "fe80::1%eth0",
        "[2001:db8::7]:443",
        "v1.2.3.4"
      })
  void anAddressAnywhereCounts(String value) {
    assertThat(Addresses.containsAddress(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "145.0",
        "WINNT_x86_64-msvc-x64",
        "Windows_NT 10.0.0.0.19045",
        "release",
        "14:02:03",
        "",
        "60.5.1"
      })
  void otherValuesDoNot(String value) {
    assertThat(Addresses.containsAddress(value)).isFalse();
  }

  @Test
  void nullHoldsNoAddress() {
    assertThat(Addresses.containsAddress(null)).isFalse();
  }
}
