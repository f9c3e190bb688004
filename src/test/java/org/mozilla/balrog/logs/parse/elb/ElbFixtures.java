package org.mozilla.balrog.logs.parse.elb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the ELB fixture files under {@code src/test/resources/fixtures/elb/}. */
final class ElbFixtures {
  static final String CLASSIC = "classic-formats-md.log";
  static final String ALB = "alb-formats-md.log";
  static final String UGLY = "ugly.log";

  private ElbFixtures() {}

  /**
   * Every line of a fixture, without line terminators (a CR before LF is kept: it is part of the
   * case).
   */
  static List<String> lines(String name) {
    String text = read(name);
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out;
  }

  /** Lines of a fixture keyed by the {@code # name} comment line before each. */
  static Map<String, String> named(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    String key = null;
    for (String l : lines(name)) {
      if (l.startsWith("# ")) {
        key = l.substring(2).trim();
      } else if (key != null) {
        out.put(key, l);
        key = null;
      }
    }
    return out;
  }

  static String read(String name) {
    try (InputStream in = ElbFixtures.class.getResourceAsStream("/fixtures/elb/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
