package org.mozilla.balrog.logs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code --deploys-file}: one {@link DeclaredDeploy} per line; blank lines and {@code #} comments
 * (whole lines or after a spec) are ignored. Errors name the file and the line number.
 */
public final class DeploysFile {
  private DeploysFile() {}

  /** The deploys of {@code file}, in file order. */
  public static List<DeclaredDeploy> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such deploys file: " + file);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException("deploys file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read deploys file " + file + ": " + e.getMessage(), e);
    }
    return parse(file.toString(), lines);
  }

  /** The deploys of {@code lines}; {@code name} labels errors. */
  public static List<DeclaredDeploy> parse(String name, List<String> lines) {
    List<DeclaredDeploy> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String spec = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (spec.isEmpty()) {
        continue;
      }
      if (spec.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            name + " line " + (i + 1) + ": one deploy per line, got '" + spec + "'");
      }
      try {
        out.add(DeclaredDeploy.parse(spec));
      } catch (IllegalArgumentException e) {
        // no cause: the CLI shows the root cause's message, which would lose the line number
        throw new IllegalArgumentException(name + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
  }
}
