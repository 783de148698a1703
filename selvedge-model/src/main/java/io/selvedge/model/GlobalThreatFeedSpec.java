package io.selvedge.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Spec of a GlobalThreatFeed, field for field as Calico Enterprise's {@code GlobalThreatFeedSpec}
 * (enums are strings here so the validator can say why a value is refused), plus one Selvedge
 * extension: {@code pull.geoip}, a country source that re-runs a country import on the feed's
 * period. Absent {@code content}, {@code mode} and {@code feedType} mean {@code IPSet},
 * {@code Enabled} and {@code Custom}; absent {@code pull.period} means 24h.
 */
@JsonPropertyOrder({"content", "mode", "description", "feedType", "globalNetworkSet", "pull"})
public record GlobalThreatFeedSpec(
    String content,
    String mode,
    String description,
    String feedType,
    GlobalNetworkSetSync globalNetworkSet,
    Pull pull) {
  public static final GlobalThreatFeedSpec EMPTY = new GlobalThreatFeedSpec(null, null, null, null, null, null);

  /** True unless {@code mode} is {@code Disabled}. */
  public boolean enabled() {
    return !"Disabled".equals(mode);
  }

  /** The labels of the GlobalNetworkSet the feed writes. */
  public record GlobalNetworkSetSync(Map<String, String> labels) {
    public GlobalNetworkSetSync {
      labels = Immutable.map(labels);
    }
  }

  /** Where and how often to pull: exactly one of {@code http} and {@code geoip}. */
  @JsonPropertyOrder({"period", "http", "geoip"})
  public record Pull(String period, HttpPull http, GeoIpPull geoip) {}

  /** An http(s) download. */
  @JsonPropertyOrder({"format", "url", "headers"})
  public record HttpPull(Format format, String url, List<HttpHeader> headers) {
    public HttpPull {
      headers = Immutable.list(headers);
    }
  }

  /** At most one of the three; none means newline-delimited. */
  @JsonPropertyOrder({"newlineDelimited", "json", "csv"})
  public record Format(NewlineDelimited newlineDelimited, @JsonProperty("json") JsonFormat json, CsvFormat csv) {}

  /** One entry per line ({@code newlineDelimited: {}}). */
  public record NewlineDelimited() {}

  /** A JSON document; {@code path} is a JSONPath to the strings, e.g. {@code $.data[*].ip}. */
  public record JsonFormat(String path) {}

  /** CSV: the column by number (from 0) or, with a header row, by name. */
  @JsonPropertyOrder({"fieldNum", "fieldName", "header", "columnDelimiter", "commentDelimiter", "recordSize",
      "disableRecordSizeValidation"})
  public record CsvFormat(Integer fieldNum, String fieldName, boolean header, String columnDelimiter,
      String commentDelimiter, int recordSize, boolean disableRecordSizeValidation) {}

  /** A request header: a literal {@code value}, or {@code valueFrom} (not supported by Selvedge). */
  @JsonPropertyOrder({"name", "value", "valueFrom"})
  public record HttpHeader(String name, String value, HeaderSource valueFrom) {}

  /** Kubernetes ConfigMap/Secret references (Selvedge has neither; the validator refuses them). */
  @JsonPropertyOrder({"configMapKeyRef", "secretKeyRef"})
  public record HeaderSource(KeySelector configMapKeyRef, KeySelector secretKeyRef) {}

  @JsonPropertyOrder({"name", "key", "optional"})
  public record KeySelector(String name, String key, Boolean optional) {}

  /**
   * Selvedge extension: the IPv4 and IPv6 networks of {@code countries} (ISO 3166-1 alpha-2)
   * from a GeoIP database at {@code path} (default: the first one found in the usual places).
   */
  @JsonPropertyOrder({"countries", "path"})
  public record GeoIpPull(List<String> countries, String path) {
    public GeoIpPull {
      countries = Immutable.list(countries);
    }
  }
}
