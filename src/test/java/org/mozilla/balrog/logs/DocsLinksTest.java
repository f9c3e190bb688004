package org.mozilla.balrog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document the repository cites is in the repository (docs/development.md#docs-links): the
 * relative Markdown links and the cited {@code *.md} names in README.md, docs/, jobs/, queries/,
 * notebooks/, bench/ and src/ point to files that exist, and a cited heading ({@code
 * docs/formats.md#classic-elb-entries}) is a heading of that file. Catches citations of documents
 * that live elsewhere (the team's design folder is not shipped) and links left behind by a move.
 */
class DocsLinksTest {
  private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  /** The folders (and files) whose text is scanned, relative to the project. */
  private static final List<String> SCANNED =
      List.of("README.md", "docs", "jobs", "queries", "notebooks", "bench", "src");

  /** Data, not prose: fixtures are log lines, bench/ data and results are generated. */
  private static final List<String> SKIPPED =
      List.of("src/test/resources/fixtures/", "bench/data/", "bench/results/");

  /** The documents the help text and code comments cite. */
  private static final List<String> REQUIRED =
      List.of("docs/formats.md", "docs/operations.md", "docs/design.md", "docs/development.md");

  /** {@code [text](target)}; the target has no spaces. */
  private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  /** A cited Markdown file name or path, with an optional heading anchor. */
  private static final Pattern MD_CITATION =
      Pattern.compile(
          "(?<![\\w.\\-/])((?:\\.{1,2}/)*(?:[\\w.\\-]+/)*[\\w.\\-]*\\w\\.md)(#[\\w\\-]+)?\\b");

  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

  private final Map<Path, Set<String>> anchors = new HashMap<>();

  @Test
  void theCitedDocumentsExist() {
    for (String doc : REQUIRED) {
      assertThat(PROJECT.resolve(doc)).as(doc).isRegularFile();
    }
  }

  @Test
  void everyCitedDocumentAndHeadingExists() throws IOException {
    List<String> files = scannedFiles();
    assertThat(files).as("files scanned").contains("README.md", "docs/formats.md");
    Set<String> names = new HashSet<>();
    for (String f : files) {
      names.add(Path.of(f).getFileName().toString());
    }
    List<String> broken = new ArrayList<>();
    for (String f : files) {
      Path file = PROJECT.resolve(f);
      String text = readText(file);
      if (text == null) {
        continue;
      }
      String[] lines = text.split("\n", -1);
      boolean markdown = f.endsWith(".md") || f.endsWith(".ipynb");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        String where = f + ":" + (i + 1) + ": ";
        if (markdown) {
          Matcher m = MARKDOWN_LINK.matcher(line);
          while (m.find()) {
            String problem = checkLink(file, m.group(1));
            if (problem != null) {
              broken.add(where + problem);
            }
          }
        }
        Matcher m = MD_CITATION.matcher(line);
        while (m.find()) {
          if (partOfUrl(line, m.start())) {
            continue;
          }
          String problem = checkCitation(file, m.group(1), m.group(2), names);
          if (problem != null) {
            broken.add(where + problem);
          }
        }
      }
    }
    assertThat(broken).as("citations of documents that are not in the repository").isEmpty();
  }

  /** Null when {@code target} (a relative link, maybe with an anchor) exists; else the problem. */
  private String checkLink(Path from, String target) throws IOException {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.\\-]*:.*")) {
      return null; // https:, mailto: and other absolute URLs
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
    if (!resolved.startsWith(PROJECT) || !Files.exists(resolved)) {
      return "link to a missing file: " + target;
    }
    return checkAnchor(resolved, anchor, target);
  }

  /**
   * Null when the cited {@code path} exists: relative to the citing file, or to the project root,
   * or (a bare file name such as {@code README.md}) as the name of some scanned file.
   */
  private String checkCitation(Path from, String path, String anchor, Set<String> names)
      throws IOException {
    Path resolved = null;
    for (Path candidate :
        List.of(from.getParent().resolve(path).normalize(), PROJECT.resolve(path).normalize())) {
      if (candidate.startsWith(PROJECT) && Files.isRegularFile(candidate)) {
        resolved = candidate;
        break;
      }
    }
    if (resolved == null) {
      if (!path.contains("/") && names.contains(path) && anchor == null) {
        return null;
      }
      return "cites a document that is not in the repository: " + path;
    }
    return checkAnchor(resolved, anchor == null ? null : anchor.substring(1), path + anchor);
  }

  private String checkAnchor(Path file, String anchor, String cited) throws IOException {
    if (anchor == null || anchor.isEmpty() || !file.toString().endsWith(".md")) {
      return null;
    }
    Set<String> known = anchors.computeIfAbsent(file, DocsLinksTest::headingAnchors);
    return known.contains(anchor) ? null : "cites a heading that is not in the document: " + cited;
  }

  /** The anchors GitHub gives the headings of a Markdown file (fenced code is not a heading). */
  private static Set<String> headingAnchors(Path file) {
    Set<String> out = new TreeSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (String line : text.split("\n", -1)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher m = HEADING.matcher(line);
      if (fenced || !m.matches()) {
        continue;
      }
      String slug = slug(m.group(1));
      int n = seen.merge(slug, 1, Integer::sum);
      out.add(n == 1 ? slug : slug + "-" + (n - 1));
    }
    return out;
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces become hyphens. */
  static String slug(String heading) {
    String s = heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _\\-]", "");
    return s.replace(' ', '-');
  }

  private static boolean partOfUrl(String line, int start) {
    int tokenStart = start;
    while (tokenStart > 0 && !Character.isWhitespace(line.charAt(tokenStart - 1))) {
      tokenStart--;
    }
    return line.substring(tokenStart, start).contains("://");
  }

  /** Tracked and new (not ignored) files under {@link #SCANNED}; a walk when git is missing. */
  private static List<String> scannedFiles() throws IOException {
    List<String> listed = gitFiles();
    if (listed == null) {
      listed = new ArrayList<>();
      for (String root : SCANNED) {
        Path p = PROJECT.resolve(root);
        if (!Files.exists(p)) {
          continue;
        }
        try (Stream<Path> walk = Files.walk(p)) {
          for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
            listed.add(PROJECT.relativize(f).toString().replace('\\', '/'));
          }
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String f : listed) {
      boolean scanned = SCANNED.stream().anyMatch(r -> f.equals(r) || f.startsWith(r + "/"));
      boolean skipped = SKIPPED.stream().anyMatch(f::startsWith);
      if (scanned && !skipped && Files.isRegularFile(PROJECT.resolve(f))) {
        out.add(f);
      }
    }
    return out;
  }

  private static List<String> gitFiles() {
    try {
      Process git =
          new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
              .directory(PROJECT.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] bytes;
      try (InputStream in = git.getInputStream()) {
        bytes = in.readAllBytes();
      }
      if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (String f : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
        if (!f.isEmpty()) {
          out.add(f);
        }
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The file as UTF-8 text, or null for a binary file (a NUL byte). */
  private static String readText(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) {
      if (b == 0) {
        return null;
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
