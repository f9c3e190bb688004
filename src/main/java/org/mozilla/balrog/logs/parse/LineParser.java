package org.mozilla.balrog.logs.parse;

/** A stateless parser of one physical line. Implementations never throw on input; they reject. */
@FunctionalInterface
public interface LineParser<E> {
  ParseResult<E> parse(String line);
}
