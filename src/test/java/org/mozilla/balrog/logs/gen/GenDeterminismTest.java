package org.mozilla.balrog.logs.gen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenDeterminismTest {
  @TempDir Path tmp;

  private GeneratorConfig config(Path out, long seed, boolean gzip, boolean clean) {
    return new GeneratorConfig(
        out,
        LocalDate.parse("2026-11-02"),
        1,
        300,
        seed,
        gzip,
        clean,
        List.of(DeploySpec.parse("v1@2026-11-02T09:30Z:regression")),
        1.0);
  }

  @Test
  void sameSeedSameBytesDifferentSeedDifferentBytes() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    new SampleGenerator().run(config(a, 5, true, false), null);
    new SampleGenerator().run(config(b, 5, true, false), null);
    new SampleGenerator().run(config(c, 6, true, false), null);
    List<Path> filesA = GenTestFiles.files(a).stream().map(a::relativize).toList();
    List<Path> filesB = GenTestFiles.files(b).stream().map(b::relativize).toList();
    assertThat(filesA).hasSizeGreaterThan(500).isEqualTo(filesB);
    for (Path rel : filesA) {
      assertThat(Files.readAllBytes(b.resolve(rel)))
          .as(rel.toString())
          .isEqualTo(Files.readAllBytes(a.resolve(rel)));
    }
    // gzip everywhere (Classic ELB, nginx, syslog), with a zero mtime in the header
    assertThat(filesA)
        .filteredOn(p -> !p.toString().equals("manifest.json"))
        .allMatch(p -> p.toString().endsWith(".gz"));
    byte[] head = Files.readAllBytes(a.resolve(filesA.get(0)));
    assertThat(new byte[] {head[4], head[5], head[6], head[7]}).containsOnly(0);
    // another seed: other random file names, other content
    List<Path> filesC = GenTestFiles.files(c).stream().map(c::relativize).toList();
    assertThat(filesC).isNotEqualTo(filesA);
    Path syslog = Path.of("syslog/web/2026/11/02/balrog-web-20261102.log.gz");
    assertThat(Files.readAllBytes(c.resolve(syslog)))
        .isNotEqualTo(Files.readAllBytes(a.resolve(syslog)));
  }

  @Test
  void rerunReplacesThePreviousOutput() {
    Path a = tmp.resolve("rerun");
    Path fresh = tmp.resolve("fresh");
    new SampleGenerator().run(config(a, 5, false, false), null);
    new SampleGenerator().run(config(a, 9, false, false), null);
    new SampleGenerator().run(config(fresh, 9, false, false), null);
    assertThat(GenTestFiles.files(a).stream().map(a::relativize).toList())
        .isEqualTo(GenTestFiles.files(fresh).stream().map(fresh::relativize).toList());
  }

  @Test
  void cleanWritesNoMalformedLines() {
    Path out = tmp.resolve("clean");
    GeneratorResult r = new SampleGenerator().run(config(out, 5, false, true), null);
    JsonNode manifest = GenTestFiles.manifest(out);
    assertThat(manifest.get("malformed")).isEmpty();
    assertThat(manifest.get("config").get("clean").asBoolean()).isTrue();
    long total = 0;
    for (Path f : GenTestFiles.files(out)) {
      if (f.getFileName().toString().equals("manifest.json")) {
        continue;
      }
      for (byte[] line : GenTestFiles.rawLines(f)) {
        assertThat(line).as(f.toString()).isNotEmpty();
        assertThat(line[0] & 0xff).as(f.toString()).isBetween(0x21, 0x7e);
        assertThat(
                new String(line, java.nio.charset.StandardCharsets.UTF_8)
                        .chars()
                        .filter(ch -> ch == '"')
                        .count()
                    % 2)
            .as(f.toString())
            .isZero();
        total++;
      }
    }
    assertThat(total).isEqualTo(r.totalLines());
    // rows equal lines for the one-row-per-line formats when nothing is malformed
    JsonNode rows = manifest.get("rows").get("balrog_elb_logs_aus5");
    long aus5Rows = 0;
    for (JsonNode n : rows) {
      aus5Rows += n.asLong();
    }
    assertThat(aus5Rows)
        .isEqualTo(r.linesPerSource().get(org.mozilla.balrog.logs.model.LogSource.AUS5));
  }
}
