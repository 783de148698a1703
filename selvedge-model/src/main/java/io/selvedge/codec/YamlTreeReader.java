package io.selvedge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Turns YAML text into one {@link JsonNode} tree per document, with the safety rules of the
 * codec. Works on SnakeYAML's event stream, not on its composer or constructor: no YAML tag can
 * instantiate anything, and the tree is built without SnakeYAML's node graph (a third of the
 * time and memory on a million-entry list). SnakeYAML enforces its {@code LoaderOptions} alias
 * limits ({@code maxAliasesForCollections}, {@code allowRecursiveKeys}, nesting depth) only in
 * the composer, so this class enforces the equivalents itself:
 *
 * <ul>
 *   <li>The text is split at {@code ---} lines first; each document is parsed on its own, so
 *       a syntax error costs only its own document.
 *   <li>Anchors and aliases are supported, bounded: at most {@link Limits#maxAliases()} aliases
 *       of lists/objects per document, at most {@link Limits#maxAliasExpansion()} nodes added by
 *       aliases, and no recursive aliases. A "billion laughs" document fails fast.
 *   <li>Merge keys ({@code <<: *base}) are supported; explicit keys win.
 *   <li>Duplicate keys are an error. Keys must be scalars.
 *   <li>Only the standard tags {@code !!str !!int !!float !!bool !!null !!map !!seq} are
 *       accepted; any other tag ({@code !!java.lang...}, {@code !custom}) is an error.
 *   <li>Nesting deeper than {@link Limits#maxNestingDepth()} is an error.
 * </ul>
 *
 * Not thread-safe; one instance per input.
 */
final class YamlTreeReader {
  private static final String STD = "tag:yaml.org,2002:";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String source;
  private final Limits limits;

  YamlTreeReader(String source, Limits limits) {
    this.source = source;
    this.limits = limits;
  }

  List<RawDocument> read(String text) {
    List<RawDocument> out = new ArrayList<>();
    int counter = 0;
    int line = 0;
    int lineAt = 0;
    List<int[]> chunks = chunks(text);
    for (int[] c : chunks) {
      line += countLines(text, lineAt, c[0]);
      lineAt = c[0];
      counter = readChunk(text.substring(c[0], c[1]), line, counter, out);
    }
    return out;
  }

  // ---- splitting into documents ----

  /** [start, end) of each document; a leading part with only comments/directives joins the next. */
  static List<int[]> chunks(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    int len = text.length();
    for (int nl = text.indexOf('\n'); nl >= 0 && nl + 1 < len; nl = text.indexOf('\n', nl + 1)) {
      if (isDocumentMarker(text, nl + 1)) {
        starts.add(nl + 1);
      }
    }
    if (starts.size() > 1 && !isDocumentMarker(text, 0) && isBlank(text, 0, starts.get(1))) {
      starts.remove(1);
    }
    List<int[]> out = new ArrayList<>(starts.size());
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) : len;
      out.add(new int[] {starts.get(i), end});
    }
    return out;
  }

  private static boolean isDocumentMarker(String t, int p) {
    if (!t.startsWith("---", p)) {
      return false;
    }
    int q = p + 3;
    return q == t.length() || t.charAt(q) == ' ' || t.charAt(q) == '\t' || t.charAt(q) == '\r' || t.charAt(q) == '\n';
  }

  /** Only blank lines, comments and directives. */
  private static boolean isBlank(String t, int from, int to) {
    int i = from;
    while (i < to) {
      int eol = t.indexOf('\n', i);
      if (eol < 0 || eol > to) {
        eol = to;
      }
      String l = t.substring(i, eol).strip();
      if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith("%")) {
        return false;
      }
      i = eol + 1;
    }
    return true;
  }

  private static int countLines(String t, int from, int to) {
    int n = 0;
    for (int i = t.indexOf('\n', from); i >= 0 && i < to; i = t.indexOf('\n', i + 1)) {
      n++;
    }
    return n;
  }

  // ---- one document (chunk) ----

  private int readChunk(String part, int lineOffset, int counter, List<RawDocument> out) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setProcessComments(false);
    ParserImpl parser = new ParserImpl(new StreamReader(part), options);
    int current = -1;
    try {
      parser.getEvent(); // stream start
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event start = parser.getEvent();
        if (!(start instanceof DocumentStartEvent)) {
          throw new YAMLException("unexpected " + start.getEventId());
        }
        current = ++counter;
        DocumentBuilder b = new DocumentBuilder(parser, lineOffset);
        JsonNode root = b.readNode(0, FieldPath.ROOT);
        parser.getEvent(); // document end
        out.add(RawDocument.of(current, root.isNull() ? null : root, b.locations));
        current = -1;
      }
    } catch (DocumentError e) {
      int n = current > 0 ? current : ++counter;
      out.add(RawDocument.failed(n, new DecodeProblem(source, n, null, e.path, e.getMessage(), e.line)));
    } catch (MarkedYAMLException e) {
      int n = current > 0 ? current : ++counter;
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = m == null ? 0 : m.getLine() + 1 + lineOffset;
      out.add(RawDocument.failed(n, new DecodeProblem(source, n, null, "", syntaxMessage(e, lineOffset), line)));
    } catch (ReaderException e) {
      int n = current > 0 ? current : ++counter;
      int line = lineOffset + 1 + countLines(part, 0, Math.min(part.length(), Math.max(0, e.getPosition())));
      out.add(RawDocument.failed(n, new DecodeProblem(source, n, null, "", String.format(
          "the input contains the character U+%04X, which YAML does not allow (is this a binary file?)",
          e.getCodePoint()), line)));
    } catch (YAMLException e) {
      int n = current > 0 ? current : ++counter;
      out.add(RawDocument.failed(n, new DecodeProblem(source, n, null, "", "YAML error: " + e.getMessage(), 0)));
    }
    return counter;
  }

  /** An error in the structure of a document that stops reading it. */
  private static final class DocumentError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;
    final String path;

    DocumentError(int line, FieldPath path, String message) {
      super(message, null, false, false);
      this.line = line;
      this.path = path.toString();
    }
  }

  private record Anchored(JsonNode node, long size) {}

  /** Builds the tree of one document from the parser's events. */
  private final class DocumentBuilder {
    final ParserImpl parser;
    final int lineOffset;
    final Locations locations = new Locations();
    final Map<String, Anchored> anchors = new HashMap<>();
    final Set<String> inProgress = new HashSet<>();
    long nodes;
    int aliases;
    long expanded;

    DocumentBuilder(ParserImpl parser, int lineOffset) {
      this.parser = parser;
      this.lineOffset = lineOffset;
    }

    int line(Event e) {
      return e.getStartMark() == null ? 0 : e.getStartMark().getLine() + 1 + lineOffset;
    }

    JsonNode readNode(int depth, FieldPath path) {
      Event e = parser.getEvent();
      if (e instanceof AliasEvent a) {
        return alias(a, path);
      }
      if (e instanceof ScalarEvent s) {
        long before = nodes++;
        JsonNode n = scalar(s, path);
        anchor(s, n, nodes - before);
        return n;
      }
      if (e instanceof SequenceStartEvent || e instanceof MappingStartEvent) {
        CollectionStartEvent c = (CollectionStartEvent) e;
        boolean mapping = e instanceof MappingStartEvent;
        checkCollectionTag(c, mapping, path);
        if (depth >= limits.maxNestingDepth()) {
          // No path: it would be as deep as the problem.
          throw new DocumentError(line(e), FieldPath.ROOT, "nesting is deeper than " + limits.maxNestingDepth() + " levels");
        }
        long before = nodes++;
        String anchor = c.getAnchor();
        if (anchor != null) {
          inProgress.add(anchor);
        }
        JsonNode n = mapping ? mapping(c, depth, path) : sequence(c, depth, path);
        if (anchor != null) {
          inProgress.remove(anchor);
          anchors.put(anchor, new Anchored(n, nodes - before));
        }
        return n;
      }
      throw new DocumentError(line(e), path, "unexpected YAML event " + e.getEventId());
    }

    private void anchor(NodeEvent e, JsonNode n, long size) {
      if (e.getAnchor() != null) {
        anchors.put(e.getAnchor(), new Anchored(n, size));
      }
    }

    private JsonNode alias(AliasEvent a, FieldPath path) {
      String name = a.getAnchor();
      Anchored target = anchors.get(name);
      if (target == null) {
        throw new DocumentError(line(a), path, inProgress.contains(name)
            ? "alias *" + name + " is used inside the value it refers to (recursive aliases are not allowed)"
            : "alias *" + name + " refers to no anchor &" + name + " earlier in this document");
      }
      if (target.node.isContainerNode()) {
        if (++aliases > limits.maxAliases()) {
          throw new DocumentError(line(a), path, "more than " + limits.maxAliases()
              + " aliases of lists or objects in one document (a limit against alias bombs)");
        }
        expanded += target.size;
        if (expanded > limits.maxAliasExpansion()) {
          throw new DocumentError(line(a), path, "aliases expand to more than " + limits.maxAliasExpansion()
              + " values in one document (a limit against alias bombs)");
        }
      }
      nodes += target.size;
      return target.node;
    }

    private JsonNode sequence(CollectionStartEvent start, int depth, FieldPath path) {
      ArrayNode arr = NODES.arrayNode();
      IntList lines = new IntList();
      lines.add(line(start));
      int i = 0;
      while (!parser.checkEvent(Event.ID.SequenceEnd)) {
        lines.add(line(parser.peekEvent()));
        arr.add(readNode(depth + 1, path.index(i++, arr)));
      }
      parser.getEvent();
      locations.put(arr, lines.toArray());
      return arr;
    }

    private JsonNode mapping(CollectionStartEvent start, int depth, FieldPath path) {
      ObjectNode obj = NODES.objectNode();
      IntList lines = new IntList();
      lines.add(line(start));
      Map<String, Integer> keyLines = new HashMap<>();
      List<ObjectNode> merges = null;
      while (!parser.checkEvent(Event.ID.MappingEnd)) {
        Event keyEvent = parser.peekEvent();
        int keyLine = line(keyEvent);
        String key = key(depth + 1, path);
        if (key == null) {
          JsonNode v = readNode(depth + 1, path.field("<<", obj));
          merges = merges == null ? new ArrayList<>() : merges;
          addMergeSources(v, merges, keyLine, path);
          continue;
        }
        Integer first = keyLines.putIfAbsent(key, keyLine);
        if (first != null) {
          throw new DocumentError(keyLine, path.field(key, obj), "duplicate key \"" + key + "\" (first at line " + first + ")");
        }
        JsonNode v = readNode(depth + 1, path.field(key, obj));
        obj.set(key, v);
        lines.add(keyLine);
      }
      parser.getEvent();
      if (merges != null) {
        for (ObjectNode src : merges) {
          for (Map.Entry<String, JsonNode> f : src.properties()) {
            if (!obj.has(f.getKey())) {
              obj.set(f.getKey(), f.getValue());
              lines.add(locations.lineOf(FieldPath.ROOT.field(f.getKey(), src)));
            }
          }
        }
      }
      locations.put(obj, lines.toArray());
      return obj;
    }

    private void addMergeSources(JsonNode v, List<ObjectNode> merges, int line, FieldPath path) {
      if (v instanceof ObjectNode o) {
        merges.add(o);
        return;
      }
      if (v instanceof ArrayNode a) {
        boolean all = true;
        for (JsonNode e : a) {
          all &= e instanceof ObjectNode;
        }
        if (all) {
          a.forEach(e -> merges.add((ObjectNode) e));
          return;
        }
      }
      throw new DocumentError(line, path.field("<<", null), "a merge key (<<) needs an object or a list of objects");
    }

    /** The key text, or null for the merge key {@code <<}. */
    private String key(int depth, FieldPath path) {
      Event e = parser.peekEvent();
      if (e instanceof ScalarEvent s) {
        parser.getEvent();
        nodes++;
        if (s.getTag() == null && s.isPlain() && YamlScalars.isMergeKey(s.getValue())) {
          return null;
        }
        if (s.getTag() == null && s.isPlain() && (s.getValue().isEmpty() || "~".equals(s.getValue()))) {
          throw new DocumentError(line(e), path, "a key is empty (quote it if an empty key is meant)");
        }
        if (s.getTag() != null && !s.getTag().equals("!") && !s.getTag().equals(STD + "str")) {
          throw new DocumentError(line(e), path, "keys must be plain strings, not tagged " + displayTag(s.getTag()));
        }
        anchor(s, TextNode.valueOf(s.getValue()), 1);
        return s.getValue();
      }
      if (e instanceof AliasEvent) {
        JsonNode n = readNode(depth, path);
        if (n.isValueNode() && !n.isNull()) {
          return n.asText();
        }
        throw new DocumentError(line(e), path, "keys must be plain strings, not an alias of a list or object");
      }
      throw new DocumentError(line(e), path, "keys must be plain strings, not lists or objects");
    }

    private void checkCollectionTag(CollectionStartEvent c, boolean mapping, FieldPath path) {
      String tag = c.getTag();
      if (tag == null || tag.equals("!") || tag.equals(STD + (mapping ? "map" : "seq"))) {
        return;
      }
      throw new DocumentError(line(c), path, "YAML tag " + displayTag(tag) + " is not supported (remove it)");
    }

    private JsonNode scalar(ScalarEvent s, FieldPath path) {
      String tag = s.getTag();
      String v = s.getValue();
      if (tag == null || tag.equals("!")) {
        return tag == null && s.isPlain() ? YamlScalars.resolvePlain(v) : TextNode.valueOf(v);
      }
      switch (tag) {
        case STD + "str":
          return TextNode.valueOf(v);
        case STD + "null":
          if (YamlScalars.resolvePlain(v).isNull()) {
            return NullNode.getInstance();
          }
          break;
        case STD + "bool": {
          JsonNode b = YamlScalars.resolvePlain(v);
          if (b.isBoolean()) {
            return (BooleanNode) b;
          }
          break;
        }
        case STD + "int": {
          JsonNode n = YamlScalars.number(v);
          if (n != null && n.isIntegralNumber()) {
            return n;
          }
          break;
        }
        case STD + "float": {
          JsonNode n = YamlScalars.number(v);
          if (n != null) {
            return DoubleNode.valueOf(n.doubleValue());
          }
          break;
        }
        default:
          throw new DocumentError(line(s), path, "YAML tag " + displayTag(tag) + " is not supported (remove it)");
      }
      throw new DocumentError(line(s), path, "\"" + v + "\" is not a valid " + displayTag(tag) + " value");
    }
  }

  private static String displayTag(String tag) {
    return tag.startsWith(STD) ? "!!" + tag.substring(STD.length()) : tag;
  }

  // ---- messages ----

  private static final Pattern CANNOT_START = Pattern.compile("found character '(.+)' that cannot start any token.*", Pattern.DOTALL);
  private static final String[][] TOKEN_WORDS = {
      {"<block end>", "the end of an indented block"},
      {"<block mapping start>", "the start of a new key"},
      {"<block sequence start>", "a list entry '-'"},
      {"<block mapping end>", "the end of an indented block"},
      {"<document start>", "'---'"},
      {"<document end>", "'...'"},
      {"<stream end>", "the end of the input"},
      {"<scalar>", "a value"},
      {"<anchor>", "an anchor"},
      {"<alias>", "an alias"},
      {"<tag>", "a tag"},
      {"<block entry>", "a list entry '-'"},
      {"<key>", "a key"},
      {"<value>", "':'"},
      {"<flow sequence start>", "'['"},
      {"<flow sequence end>", "']'"},
      {"<flow mapping start>", "'{'"},
      {"<flow mapping end>", "'}'"},
      {"<flow entry>", "','"},
  };

  static String syntaxMessage(MarkedYAMLException e, int lineOffset) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().strip();
    Mark pm = e.getProblemMark();
    String where = pm == null ? "" : " at line " + (pm.getLine() + 1 + lineOffset) + ", column " + (pm.getColumn() + 1);
    String what;
    Matcher m = CANNOT_START.matcher(problem);
    if (problem.contains("(TAB)") || problem.contains("\\t")) {
      what = "a tab character is not allowed here (indent YAML with spaces)";
    } else if (problem.startsWith("mapping values are not allowed here")) {
      what = "a ':' is not allowed here (check the indentation, or quote a value that contains ': ')";
    } else if (m.matches()) {
      what = "'" + m.group(1) + "' cannot start a value (quote the value)";
    } else if (problem.startsWith("found unexpected end of stream")) {
      what = "the input ends inside a quoted string";
    } else {
      what = words(problem).replaceAll("but got (\\S)$", "but found '$1'");
    }
    StringBuilder b = new StringBuilder("YAML syntax error").append(where).append(": ").append(what);
    String ctx = e.getContext();
    Mark cm = e.getContextMark();
    if (ctx != null && !ctx.isBlank() && !ctx.contains("scanning for the next token")) {
      b.append(" (").append(words(ctx.strip()));
      if (cm != null && (pm == null || cm.getLine() != pm.getLine() || cm.getColumn() != pm.getColumn())) {
        b.append(" that starts at line ").append(cm.getLine() + 1 + lineOffset).append(", column ").append(cm.getColumn() + 1);
      }
      b.append(')');
    }
    return b.toString();
  }

  private static String words(String s) {
    String out = s;
    for (String[] w : TOKEN_WORDS) {
      out = out.replace(w[0], w[1]);
    }
    return out;
  }

  /** A growable int array (line tables of big lists). */
  static final class IntList {
    private int[] a = new int[8];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
