package io.selvedge.engine.index;

/**
 * Receives the changes of a {@link CidrTrie}'s covering members, one prefix at a time, as
 * primitives (no allocation per call). Prefixes use the {@link io.selvedge.engine.Cidr} bit
 * layout. Called synchronously from the trie's mutators; must not call back into the trie.
 */
public interface CoveringListener {
  /** A prefix became a covering member (present, and not inside another present member). */
  void added(long hi, long lo, int length);

  /** A prefix stopped being a covering member (gone, or now inside another present member). */
  void removed(long hi, long lo, int length);

  /** Ignores every change. */
  CoveringListener NONE = new CoveringListener() {
    @Override
    public void added(long hi, long lo, int length) {}

    @Override
    public void removed(long hi, long lo, int length) {}
  };
}
