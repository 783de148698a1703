package io.selvedge.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON the nets-delta bookkeeping of the backends needs, without the resource codec:
 * {@code spec.nets} read straight out of a stored network-set document ({@link StoredForm}; a
 * streaming pass, several times faster than decoding and validating a million-entry resource),
 * and a {@link NetsDelta} as JSON. Stateless.
 */
public final class StoredNets {
  private StoredNets() {}

  private static final JsonFactory JSON = new JsonFactory();

  // A delta's JSON form: {"base":R,"removed":[...],"added":[...]}.

  /** {@code spec.nets} of a stored NetworkSet/GlobalNetworkSet document (empty if absent). */
  public static List<String> nets(String storedJson) {
    List<String> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(storedJson)) {
      if (toNets(p)) {
        while (p.nextToken() == JsonToken.VALUE_STRING) {
          out.add(p.getText());
        }
      }
      return out;
    } catch (IOException e) {
      throw new DatastoreException("a stored network set does not decode: " + e.getMessage(), e);
    }
  }

  /**
   * A stored network set's document cut in two: {@code spec.nets} as strings, and the document
   * with {@code "nets": []} in its place (small: the codec decodes it in microseconds).
   */
  public record Split(List<String> nets, String withoutNets) { }

  /**
   * {@link #nets} with the array's position: the split of a stored NetworkSet/GlobalNetworkSet
   * document, or null if it has no {@code spec.nets} array of strings (then the codec, which says
   * what is wrong, must decode it whole). One streaming pass.
   */
  public static Split split(String storedJson) {
    try (JsonParser p = JSON.createParser(storedJson)) {
      if (!toNets(p)) {
        return null;
      }
      long start = p.currentTokenLocation().getCharOffset();
      List<String> nets = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
        nets.add(p.getText());
      }
      long end = p.currentTokenLocation().getCharOffset();
      if (t != JsonToken.END_ARRAY || start < 0 || end <= start || storedJson.charAt((int) start) != '['
          || storedJson.charAt((int) end) != ']') {
        return null;
      }
      return new Split(nets, storedJson.substring(0, (int) start) + "[]" + storedJson.substring((int) end + 1));
    } catch (IOException e) {
      return null;
    }
  }

  /** Advances {@code p} to the start of {@code spec.nets}; false if the document has no such array. */
  private static boolean toNets(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("not an object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (!field.equals("spec") || value != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String specField = p.currentName();
        if (p.nextToken() == JsonToken.START_ARRAY && specField.equals("nets")) {
          return true;
        }
        p.skipChildren();
      }
      return false;
    }
    return false;
  }

  public static String toJson(NetsDelta delta) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("base", delta.baseRevision());
      writeStrings(g, "removed", delta.removed());
      writeStrings(g, "added", delta.added());
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("a nets delta always serialises", e);
    }
    return out.toString();
  }

  /**
   * Reads {@link #toJson}'s form with the streaming parser: no data binding, whose first use
   * costs ~100 ms of class loading and introspection — on an agent's first change after its start.
   */
  public static NetsDelta fromJson(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      Long base = null;
      List<String> removed = null;
      List<String> added = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "base" -> {
            if (value != JsonToken.VALUE_NUMBER_INT) {
              throw new IOException("base is not a number");
            }
            base = p.getLongValue();
          }
          case "removed" -> removed = strings(p, value, field);
          case "added" -> added = strings(p, value, field);
          default -> p.skipChildren();
        }
      }
      if (base == null || removed == null || added == null) {
        throw new IOException("base, removed and added are required");
      }
      return new NetsDelta(base, removed, added);
    } catch (IOException | IllegalArgumentException e) {
      throw new DatastoreException("a stored nets delta does not decode: " + e.getMessage(), e);
    }
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static List<String> strings(JsonParser p, JsonToken value, String field) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw new IOException(field + " is not an array");
    }
    List<String> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
      out.add(p.getText());
    }
    if (t != JsonToken.END_ARRAY) {
      throw new IOException(field + " holds something other than strings");
    }
    return out;
  }
}
