package io.selvedge.engine;

/**
 * A resource the engine cannot use (an unparseable selector, an unknown protocol name, ...).
 * As in Felix's validation filter (spec G20) the resource is then treated as absent; the graph
 * reports the reason through {@code CalculationGraph.problems()}.
 */
final class ConversionException extends Exception {
  ConversionException(String message) {
    super(message);
  }
}
