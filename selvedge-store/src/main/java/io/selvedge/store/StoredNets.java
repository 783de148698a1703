package io.selvedge.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  /** The JSON form: {@code {"base":R,"removed":[...],"added":[...]}}. */
  private record Column(long base, List<String> removed, List<String> added) { }

  /** {@code spec.nets} of a stored NetworkSet/GlobalNetworkSet document (empty if absent). */
  public static List<String> nets(String storedJson) {
    List<String> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(storedJson)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("spec") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String specField = p.currentName();
            if (specField.equals("nets") && p.nextToken() == JsonToken.START_ARRAY) {
              while (p.nextToken() == JsonToken.VALUE_STRING) {
                out.add(p.getText());
              }
            } else {
              p.nextToken();
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      return out;
    } catch (IOException e) {
      throw new DatastoreException("a stored network set does not decode: " + e.getMessage(), e);
    }
  }

  public static String toJson(NetsDelta delta) {
    try {
      return MAPPER.writeValueAsString(new Column(delta.baseRevision(), delta.removed(), delta.added()));
    } catch (IOException e) {
      throw new IllegalStateException("a nets delta always serialises", e);
    }
  }

  public static NetsDelta fromJson(String json) {
    try {
      Column c = MAPPER.readValue(json, Column.class);
      return new NetsDelta(c.base(), c.removed(), c.added());
    } catch (IOException | IllegalArgumentException e) {
      throw new DatastoreException("a stored nets delta does not decode: " + e.getMessage(), e);
    }
  }
}
