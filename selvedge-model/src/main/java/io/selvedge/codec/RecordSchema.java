package io.selvedge.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire shape of a record: its fields' JSON names in output order (the record's
 * {@link JsonPropertyOrder}, then the remaining components in declaration order), their types,
 * the canonical constructor and accessors. Read once per class by reflection and cached;
 * instances are immutable and shared between threads.
 */
final class RecordSchema {
  private static final ClassValue<RecordSchema> CACHE = new ClassValue<>() {
    @Override
    protected RecordSchema computeValue(Class<?> type) {
      return new RecordSchema(type);
    }
  };

  /** One field: JSON name, position in the canonical constructor, declared type. */
  record Field(String name, int position, Type type, Class<?> rawType, Method accessor) {}

  private final Class<?> type;
  private final List<Field> fields;
  private final Map<String, Field> byName;
  private final Constructor<?> constructor;

  static RecordSchema of(Class<?> recordType) {
    return CACHE.get(recordType);
  }

  private RecordSchema(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Map<String, Field> declared = new LinkedHashMap<>();
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      declared.put(jsonName(type, c), new Field(jsonName(type, c), i, c.getGenericType(), c.getType(), c.getAccessor()));
    }
    List<Field> ordered = new ArrayList<>();
    JsonPropertyOrder order = type.getAnnotation(JsonPropertyOrder.class);
    if (order != null) {
      for (String n : order.value()) {
        Field f = declared.get(n);
        if (f != null) {
          ordered.add(f);
        }
      }
    }
    for (Field f : declared.values()) {
      if (!ordered.contains(f)) {
        ordered.add(f);
      }
    }
    this.fields = List.copyOf(ordered);
    this.byName = Collections.unmodifiableMap(declared);
    try {
      this.constructor = type.getDeclaredConstructor(types);
      this.constructor.setAccessible(true);
      for (Field f : fields) {
        f.accessor().setAccessible(true);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
    }
  }

  private static String jsonName(Class<?> type, RecordComponent c) {
    JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
    if (p == null) {
      try {
        p = type.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
      } catch (NoSuchFieldException e) {
        p = null;
      }
    }
    return p != null && !p.value().isEmpty() ? p.value() : c.getName();
  }

  Class<?> type() {
    return type;
  }

  /** Fields in output order. */
  List<Field> fields() {
    return fields;
  }

  Field field(String jsonName) {
    return byName.get(jsonName);
  }

  /** Calls the canonical constructor; its exceptions (the record's own checks) propagate unwrapped. */
  Object construct(Object[] args) {
    try {
      return constructor.newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  Object get(Object record, Field f) {
    try {
      return f.accessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- value types with a single-argument JSON creator (Port, Protocol, IntOrString) ----

  private static final ClassValue<Method[]> SCALAR = new ClassValue<>() {
    @Override
    protected Method[] computeValue(Class<?> type) {
      Method creator = null;
      Method value = null;
      for (Method m : type.getDeclaredMethods()) {
        if (m.isAnnotationPresent(JsonCreator.class) && Modifier.isStatic(m.getModifiers())
            && m.getParameterCount() == 1 && m.getParameterTypes()[0] == Object.class) {
          creator = m;
        }
        if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0) {
          value = m;
        }
      }
      return creator == null || value == null ? new Method[0] : new Method[] {creator, value};
    }
  };

  /** True for types written as a number or string and read by {@code static fromJson(Object)}. */
  static boolean isScalarValueType(Class<?> type) {
    return SCALAR.get(type).length == 2;
  }

  /** Calls the type's JSON creator; {@link IllegalArgumentException}s propagate. */
  static Object createScalar(Class<?> type, Object raw) {
    try {
      return SCALAR.get(type)[0].invoke(null, raw);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The type's JSON value (an Integer or a String for the model's value types). */
  static Object scalarValue(Object value) {
    try {
      return SCALAR.get(value.getClass())[1].invoke(value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
