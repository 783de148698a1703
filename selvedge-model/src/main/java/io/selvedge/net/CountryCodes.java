package io.selvedge.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The country codes {@code import netset --country} and a GlobalThreatFeed's {@code pull.geoip}
 * accept: ISO 3166-1 alpha-2 as the JDK knows it
 * ({@link Locale#getISOCountries()}), plus the codes GeoIP data uses outside the standard —
 * {@code XK} (Kosovo, MaxMind), {@code EU} and {@code AP} (Europe, Asia/Pacific),
 * {@code A1}/{@code A2}/{@code O1} (anonymous proxy, satellite provider, other) and the
 * withdrawn {@code AN} and {@code FX} of older legacy files. Matching ignores case.
 */
public final class CountryCodes {
  private static final Map<String, String> EXTRA = Map.of(
      "XK", "Kosovo",
      "EU", "Europe (no single country)",
      "AP", "Asia/Pacific (no single country)",
      "A1", "anonymous proxy",
      "A2", "satellite provider",
      "O1", "other",
      "AN", "Netherlands Antilles (withdrawn)",
      "FX", "Metropolitan France (withdrawn)");
  private static final Set<String> ISO = new HashSet<>(Arrays.asList(Locale.getISOCountries()));

  private CountryCodes() {}

  /** Whether {@code code} (upper case) is known. */
  public static boolean isKnown(String code) {
    return ISO.contains(code) || EXTRA.containsKey(code);
  }

  /** The English name of a known code, e.g. {@code Cuba} for {@code CU}. */
  public static String name(String code) {
    String extra = EXTRA.get(code);
    return extra != null ? extra : new Locale("", code).getDisplayCountry(Locale.ENGLISH);
  }

  /**
   * Parses {@code --country} values: each a comma-separated list of codes, any case, spaces
   * allowed around commas. Returns the codes in upper case, first occurrence order.
   *
   * @throws IllegalArgumentException naming every unknown or malformed code
   */
  public static Set<String> parse(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    List<String> bad = new ArrayList<>();
    for (String v : values) {
      for (String part : v.split(",", -1)) {
        String code = part.strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
          continue;
        }
        if (code.length() != 2 || !isKnown(code)) {
          bad.add(code);
        } else {
          out.add(code);
        }
      }
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("unknown country code" + (bad.size() > 1 ? "s " : " ")
          + String.join(", ", bad.stream().map(io.selvedge.model.UserText::quoted).toList())
          + " (want ISO 3166-1 alpha-2 codes such as CU,IR,KP,SY)");
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no country codes given (want e.g. --country CU,IR,KP,SY)");
    }
    return out;
  }
}
