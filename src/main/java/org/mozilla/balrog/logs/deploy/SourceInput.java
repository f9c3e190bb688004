package org.mozilla.balrog.logs.deploy;

/**
 * What a deploy-impact run did with one source's files: the files found for the days its windows
 * touch, those it read (ELB files outside every window are skipped), and the lines of the files
 * read.
 */
public record SourceInput(
    String source, int filesConsidered, int filesRead, long lines, long rejected) {}
