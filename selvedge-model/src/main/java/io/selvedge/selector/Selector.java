package io.selvedge.selector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Calico label selector ({@code projectcalico.org/v3}): evaluates against labels,
 * prints in Calico's canonical form, names itself with Calico's unique ID, and can be
 * rewritten with a label prefix.
 *
 * <p>Two selectors are equal when their canonical forms are equal, so {@code a=='x'&&b=='y'}
 * equals {@code (a == "x" && b == "y")}; the canonical form also decides the
 * {@linkplain #uniqueId() unique ID}, which names the selector's IP set.
 *
 * <p>Costs: parsing and printing are linear in the text; {@link #matches} is linear in the size
 * of the tree and stops early on {@code &&}/{@code ||}. The canonical form is computed at
 * construction, the unique ID and label restrictions on first use.
 *
 * <p>Immutable and thread-safe.
 */
public final class Selector {

  /** Deepest nesting of parentheses the parser accepts (Calico has no limit). */
  public static final int MAX_NESTING = 256;

  /** {@code all()}: matches every set of labels; also what an empty selector means. */
  public static final Selector ALL = new Selector(new Node.All());

  private final Node root;
  private final String canonical;
  // Lazily computed; racing threads compute equal values, and String and LabelRestrictions
  // are safely published through their final fields.
  private String uniqueId;
  private LabelRestrictions labelRestrictions;

  private Selector(Node root) {
    this.root = root;
    this.canonical = CanonicalPrinter.print(root);
  }

  /**
   * Parses selector text with Calico's exact rules. An empty or blank (spaces and tabs only)
   * text is {@code all()}.
   *
   * @throws SelectorParseException if the text is not a valid selector; the exception names
   *     the column and what was expected
   */
  public static Selector parse(String text) throws SelectorParseException {
    Objects.requireNonNull(text, "text");
    return new Selector(Parser.parse(text));
  }

  /**
   * A selector for a tree built in code. Trees deeper than the parser allows are accepted, but
   * the caller is responsible for keeping them shallow enough for recursive evaluation.
   */
  public static Selector of(Node root) {
    return new Selector(Objects.requireNonNull(root, "root"));
  }

  /** Evaluates against a label map; a key mapped to {@code null} counts as absent. */
  public boolean matches(Map<String, String> labels) {
    return root.matches(Labels.of(labels));
  }

  /** Evaluates against labels looked up one by one. */
  public boolean matches(Labels labels) {
    return root.matches(Objects.requireNonNull(labels, "labels"));
  }

  /** Calico's canonical form ({@code String()}), e.g. {@code (a == "b" && has(c))}. */
  public String canonical() {
    return canonical;
  }

  /**
   * Calico's {@code UniqueID()}: {@code "s:"} followed by the unpadded base64url SHA-224 of
   * {@code "s:" + canonical()} in UTF-8, e.g. {@code s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug}
   * for {@code all()}.
   */
  public String uniqueId() {
    String id = uniqueId;
    if (id == null) {
      id = "s:" + Base64.getUrlEncoder().withoutPadding().encodeToString(
          sha224(("s:" + canonical).getBytes(StandardCharsets.UTF_8)));
      uniqueId = id;
    }
    return id;
  }

  /**
   * The same selector with {@code prefix} put in front of every label (Calico's
   * {@code PrefixVisitor}): {@code namespace == 'red'} with {@code pcns.} becomes
   * {@code pcns.namespace == "red"}. {@code all()} and {@code global()} stay as they are.
   * As in Calico, a prefixed label may exceed the 512-character limit the parser enforces.
   *
   * @throws IllegalArgumentException if the prefix contains a non-label character
   */
  public Selector prefixLabels(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    for (int i = 0; i < prefix.length(); i++) {
      if (!Tokenizer.isLabelChar(prefix.charAt(i))) {
        throw new IllegalArgumentException(
            "label prefix may only contain A-Z a-z 0-9 _ . / -: " + SelectorEcho.quote(prefix));
      }
    }
    return prefix.isEmpty() ? this : new Selector(root.accept(new LabelPrefixer(prefix)));
  }

  /** The parsed tree. */
  public Node root() {
    return root;
  }

  /** Per-label requirements, for indexing (Calico's {@code LabelRestrictions()}). */
  public LabelRestrictions labelRestrictions() {
    LabelRestrictions r = labelRestrictions;
    if (r == null) {
      r = LabelRestrictions.of(root);
      labelRestrictions = r;
    }
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Selector && ((Selector) o).canonical.equals(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  /** The canonical form. */
  @Override
  public String toString() {
    return canonical;
  }

  private static byte[] sha224(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-224").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-224", e);
    }
  }
}
