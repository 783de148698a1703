package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule or endpoint port as Calico's {@code numorstring.Port}: a single number, an inclusive
 * range {@code "min:max"}, or a named port. Decoding follows Calico: a JSON number is a single
 * port, a string of digits is a single port, {@code "a:b"} is a range (min &gt; max is a decode
 * error), anything else is a name of 1..128 characters of {@code [a-zA-Z0-9_.-]}.
 * Ranges like {@code 0:10} decode; the validator rejects port 0.
 */
public record Port(int min, int max, String name) {
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern RANGE = Pattern.compile("(\\d+):(\\d+)");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  public Port {
    if (name != null && (min != 0 || max != 0)) {
      throw new IllegalArgumentException("a named port has no numbers");
    }
  }

  public static Port of(int port) {
    return new Port(port, port, null);
  }

  public static Port range(int min, int max) {
    return new Port(min, max, null);
  }

  public static Port named(String name) {
    return new Port(0, 0, name);
  }

  public boolean isNamed() {
    return name != null;
  }

  public boolean isRange() {
    return name == null && min != max;
  }

  @JsonCreator
  public static Port fromJson(Object value) {
    if (value instanceof Integer i) {
      return checkedSingle(i.longValue(), String.valueOf(i));
    }
    if (value instanceof Long l) {
      return checkedSingle(l, String.valueOf(l));
    }
    if (value instanceof String s) {
      return parse(s);
    }
    throw new IllegalArgumentException("a port must be a number, a range \"min:max\" or a name, not " + describe(value));
  }

  /** Parses the string form ({@code "80"}, {@code "1000:2000"}, {@code "http"}). */
  public static Port parse(String s) {
    if (DIGITS.matcher(s).matches()) {
      return checkedSingle(parseLong(s), s);
    }
    Matcher m = RANGE.matcher(s);
    if (m.matches()) {
      long lo = parseLong(m.group(1));
      long hi = parseLong(m.group(2));
      if (lo > 65535 || hi > 65535) {
        throw new IllegalArgumentException("port range \"" + s + "\" is out of range (ports are 1-65535)");
      }
      if (lo > hi) {
        throw new IllegalArgumentException("port range \"" + s + "\" has min > max");
      }
      return range((int) lo, (int) hi);
    }
    if (NAME.matcher(s).matches()) {
      return named(s);
    }
    throw new IllegalArgumentException("\"" + s + "\" is not a port, a port range \"min:max\" or a port name ([a-zA-Z0-9_.-], 1-128 characters)");
  }

  private static long parseLong(String digits) {
    // Long overflow is still "too large"; cap the length before parsing.
    return digits.length() > 6 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  private static Port checkedSingle(long v, String text) {
    if (v < 0 || v > 65535) {
      throw new IllegalArgumentException("port " + text + " is out of range (ports are 1-65535)");
    }
    return of((int) v);
  }

  private static String describe(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName().toLowerCase() + " " + v;
  }

  @JsonValue
  public Object toJson() {
    if (name != null) {
      return name;
    }
    return min == max ? (Object) min : min + ":" + max;
  }

  @Override
  public String toString() {
    return String.valueOf(toJson());
  }
}
