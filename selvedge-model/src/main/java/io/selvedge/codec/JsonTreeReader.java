package io.selvedge.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JSON text (one or more top-level values, as {@code kubectl} and {@code jq} produce)
 * into one tree per top-level value, recording lines. Strict JSON: no comments, no trailing
 * commas, no single quotes; duplicate keys are an error; nesting and number length are bounded.
 */
final class JsonTreeReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String source;
  private final Limits limits;
  private final JsonFactory factory;

  JsonTreeReader(String source, Limits limits) {
    this.source = source;
    this.limits = limits;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxNumberLength(200)
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxInputBytes()))
            .maxNameLength((int) Math.min(Integer.MAX_VALUE, limits.maxInputBytes()))
            .maxDocumentLength(limits.maxInputBytes())
            .build())
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .build();
  }

  /** The documents; {@code failedAtFirst} is set when not even the first value parsed. */
  record Result(List<RawDocument> documents, boolean failedAtFirst) {}

  Result read(String text) {
    List<RawDocument> out = new ArrayList<>();
    int n = 0;
    boolean inDocument = false;
    try (JsonParser p = factory.createParser(text)) {
      while (true) {
        inDocument = false;
        JsonToken t = p.nextToken();
        if (t == null) {
          break;
        }
        n++;
        inDocument = true;
        Builder b = new Builder(p, n);
        JsonNode root = b.value(t, FieldPath.ROOT);
        if (b.error != null) {
          out.add(RawDocument.failed(n, b.error));
        } else {
          out.add(RawDocument.of(n, root.isNull() ? null : root, b.locations));
        }
      }
      return new Result(out, false);
    } catch (JacksonException e) {
      int doc = inDocument ? n : n + 1;
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
      out.add(RawDocument.failed(doc, new DecodeProblem(source, doc, null, "", message(e), line)));
      return new Result(out, out.size() == 1);
    } catch (IOException e) {
      int doc = inDocument ? n : n + 1;
      out.add(RawDocument.failed(doc, new DecodeProblem(source, doc, null, "", "could not read JSON", 0)));
      return new Result(out, out.size() == 1);
    }
  }

  private String message(JacksonException e) {
    JsonLocation loc = e.getLocation();
    String where = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    if (e instanceof StreamConstraintsException) {
      String m = String.valueOf(e.getOriginalMessage());
      if (m.contains("nesting depth")) {
        return "nesting is deeper than " + limits.maxNestingDepth() + " levels" + where;
      }
      if (m.startsWith("Number")) {
        return "a number" + where + " has too many digits";
      }
      if (m.startsWith("String") || m.startsWith("Name")) {
        return "a string" + where + " is longer than the input limit";
      }
      return "the input is larger than the limit of " + limits.maxInputBytes() + " bytes";
    }
    return "JSON syntax error" + where + ": " + clean(String.valueOf(e.getOriginalMessage()));
  }

  /** Drops Jackson's source references and character codes from its messages. */
  static String clean(String m) {
    String s = m.replaceAll("\\s*\\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)", " (JSON has no comments)")
        .replaceAll("[:;,]?\\s*(enable|use)\\s+`?[A-Za-z.]*Feature\\.[A-Z_]+`?(\\s+to allow)?", "")
        .replaceAll("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)", "(a control character)")
        .replaceAll("\\s*\\(code \\d+\\)", "")
        .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
        .replaceAll("\\s*\\(for [A-Za-z]+ starting at\\s*\\)", "")
        .replace("\n", " ");
    s = s.replace("start marker at", "").replaceAll("\\s+\\)", ")").replaceAll("\\(\\s*\\)", "").strip();
    return s.isEmpty() ? "invalid JSON" : s;
  }

  /** Builds one top-level value; remembers the first duplicate key but reads on to the end. */
  private final class Builder {
    final JsonParser p;
    final int document;
    final Locations locations = new Locations();
    DecodeProblem error;

    Builder(JsonParser p, int document) {
      this.p = p;
      this.document = document;
    }

    int line() {
      return p.currentTokenLocation().getLineNr();
    }

    JsonNode value(JsonToken t, FieldPath path) throws IOException {
      switch (t) {
        case START_OBJECT: {
          ObjectNode obj = NODES.objectNode();
          YamlTreeReader.IntList lines = new YamlTreeReader.IntList();
          lines.add(line());
          Map<String, Integer> seen = new HashMap<>();
          for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
            String name = p.currentName();
            int keyLine = line();
            JsonNode v = value(p.nextToken(), path.field(name, obj));
            Integer first = seen.putIfAbsent(name, keyLine);
            if (first != null) {
              if (error == null) {
                error = new DecodeProblem(source, document, null, path.field(name, obj).toString(),
                    "duplicate key \"" + name + "\" (first at line " + first + ")", keyLine);
              }
              continue;
            }
            obj.set(name, v);
            lines.add(keyLine);
          }
          locations.put(obj, lines.toArray());
          return obj;
        }
        case START_ARRAY: {
          ArrayNode arr = NODES.arrayNode();
          YamlTreeReader.IntList lines = new YamlTreeReader.IntList();
          lines.add(line());
          int i = 0;
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            lines.add(line());
            arr.add(value(e, path.index(i++, arr)));
          }
          locations.put(arr, lines.toArray());
          return arr;
        }
        case VALUE_STRING:
          return TextNode.valueOf(p.getText());
        case VALUE_NUMBER_INT:
          switch (p.getNumberType()) {
            case INT:
              return IntNode.valueOf(p.getIntValue());
            case LONG:
              return LongNode.valueOf(p.getLongValue());
            default:
              return BigIntegerNode.valueOf(p.getBigIntegerValue());
          }
        case VALUE_NUMBER_FLOAT:
          return DoubleNode.valueOf(p.getDoubleValue());
        case VALUE_TRUE:
          return BooleanNode.TRUE;
        case VALUE_FALSE:
          return BooleanNode.FALSE;
        case VALUE_NULL:
          return NullNode.getInstance();
        default:
          throw new IOException("unexpected token " + t);
      }
    }
  }
}
