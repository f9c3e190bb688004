package org.mozilla.balrog.logs.cli;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How every command's help is laid out: it fills the terminal's width (picocli's auto width; 80
 * columns when the output is not a terminal), and the description and footer are written as
 * paragraphs, one string each in the {@code @Command} annotation, wrapped here at word boundaries.
 * A string that starts with two spaces is an example and is printed as it is, on one line, so it
 * can be copied; a string that starts with {@code "- "} is a list item, wrapped under its text; a
 * paragraph after other text gets a blank line before it. The option and parameter lists are laid
 * out as picocli does, but wrapped only at spaces (picocli's wrapping splits {@code s3a://} and
 * {@code :migration}). Strings go through {@link String#format} as picocli does ({@code %%} for a
 * percent sign).
 */
final class HelpLayout {
  private static final int MIN_WIDTH = 60;

  /** Widest option or parameter text beside which the description starts (picocli's default). */
  private static final int LONG_OPTIONS_MAX_WIDTH = 20;

  private HelpLayout() {}

  /** Applies the layout to {@code cl} and to all its subcommands. */
  static void apply(CommandLine cl) {
    cl.setUsageHelpAutoWidth(true);
    cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, paragraphs(DESCRIPTION));
    cl.getHelpSectionMap()
        .put(
            UsageMessageSpec.SECTION_KEY_FOOTER,
            paragraphs(h -> h.commandSpec().usageMessage().footer()));
    cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_HEADER, help -> "");
    cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
    cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
    cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
    for (CommandLine sub : cl.getSubcommands().values()) {
      apply(sub);
    }
  }

  private interface Lines {
    String[] of(Help help);
  }

  private static final Lines DESCRIPTION = h -> h.commandSpec().usageMessage().description();

  /**
   * The subcommands, each with its one-line summary: the {@code header} of its {@code @Command}
   * (not printed in its own help, which starts with the synopsis), else its first description line.
   */
  private static String commands(Help help) {
    List<String[]> rows = new ArrayList<>();
    for (var e : help.commandSpec().subcommands().entrySet()) {
      UsageMessageSpec usage = e.getValue().getCommandSpec().usageMessage();
      if (usage.hidden()) {
        continue;
      }
      String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
      rows.add(new String[] {"  " + e.getKey(), summary.length > 0 ? summary[0] : ""});
    }
    return table(help, rows);
  }

  private static int width(Help help) {
    return Math.max(MIN_WIDTH, help.commandSpec().usageMessage().width());
  }

  private static IHelpSectionRenderer paragraphs(Lines lines) {
    return help -> {
      StringBuilder out = new StringBuilder();
      int width = width(help);
      boolean textBefore = false;
      for (String raw : lines.of(help)) {
        String text = formatted(raw);
        boolean plain = !text.isBlank() && !text.startsWith("  ") && !text.startsWith("- ");
        if (plain && textBefore) {
          out.append(System.lineSeparator());
        }
        out.append(render(text, width));
        textBefore = !text.isBlank();
      }
      if (textBefore && lines == DESCRIPTION) {
        out.append(System.lineSeparator()); // a blank line between the description and the lists
      }
      return out.toString();
    };
  }

  private static String parameters(Help help) {
    List<String[]> rows = new ArrayList<>();
    for (PositionalParamSpec p : help.commandSpec().positionalParameters()) {
      if (!p.hidden()) {
        rows.add(
            new String[] {"      " + label(help, p).strip(), String.join("\n", p.description())});
      }
    }
    return table(help, rows);
  }

  private static String options(Help help) {
    List<String[]> rows = new ArrayList<>();
    for (OptionSpec o : help.commandSpec().options()) {
      if (o.hidden()) {
        continue;
      }
      String shortName = null;
      String longName = null;
      for (String name : o.names()) {
        if (name.length() == 2 && shortName == null) {
          shortName = name;
        } else if (longName == null) {
          longName = name;
        }
      }
      String names =
          (shortName == null ? "    " : shortName + (longName == null ? "  " : ", "))
              + (longName == null ? "" : longName)
              + label(help, o);
      rows.add(new String[] {"  " + names, String.join("\n", o.description())});
    }
    return table(help, rows);
  }

  private static String label(Help help, ArgSpec arg) {
    return help.parameterLabelRenderer()
        .renderParameterLabel(arg, Help.Ansi.OFF, List.of())
        .toString();
  }

  /**
   * Rows of names and descriptions: each description beside its names, or under them when the names
   * are wider than {@value #LONG_OPTIONS_MAX_WIDTH} characters; each line of a description wrapped
   * at spaces, its continuation lines indented by two.
   */
  private static String table(Help help, List<String[]> rows) {
    int namesWidth = 0;
    for (String[] row : rows) {
      if (row[0].length() - 6 <= LONG_OPTIONS_MAX_WIDTH) {
        namesWidth = Math.max(namesWidth, row[0].length());
      }
    }
    int column = Math.max(namesWidth, 6) + 2;
    int textWidth = Math.max(20, width(help) - column);
    String pad = " ".repeat(column);
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      out.append(row[0]);
      boolean beside = row[0].length() <= namesWidth;
      if (beside) {
        out.append(" ".repeat(column - row[0].length()));
      } else {
        out.append(System.lineSeparator()).append(pad);
      }
      boolean first = true;
      for (String description : formatted(row[1]).split("\n", -1)) {
        for (String line : wrap(description, textWidth, "  ")) {
          if (!first) {
            out.append(pad);
          }
          out.append(line).append(System.lineSeparator());
          first = false;
        }
      }
      if (first) {
        out.append(System.lineSeparator());
      }
    }
    return out.toString();
  }

  /** {@code text} as picocli formats description lines; the text itself if it is no format. */
  static String formatted(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    try {
      return String.format(Locale.ROOT, text);
    } catch (IllegalFormatException e) {
      return text;
    }
  }

  /** One paragraph, example or list item, wrapped to {@code width}, ending in a line break. */
  static String render(String paragraph, int width) {
    if (paragraph.isBlank()) {
      return System.lineSeparator();
    }
    if (paragraph.startsWith("  ")) {
      return paragraph.stripTrailing() + System.lineSeparator();
    }
    String indent = paragraph.startsWith("- ") ? "  " : "";
    StringBuilder out = new StringBuilder();
    for (String line : wrap(paragraph.strip(), width, indent)) {
      out.append(line).append(System.lineSeparator());
    }
    return out.toString();
  }

  /**
   * The words of {@code text} in lines of at most {@code width} characters (a longer word gets a
   * line of its own), the lines after the first starting with {@code indent}.
   */
  static List<String> wrap(String text, int width, String indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    boolean empty = true;
    for (String word : text.split("\\s+")) {
      if (word.isEmpty()) {
        continue; // text starting with a space
      }
      if (!empty && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
        line.append(indent);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    if (!empty) {
      lines.add(line.toString());
    }
    return lines;
  }
}
