package io.selvedge.validate;

import static io.selvedge.validate.TestResources.violations;
import static io.selvedge.validate.TestResources.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selvedge.codec.ResourceCodec;
import io.selvedge.model.GlobalThreatFeed;
import io.selvedge.model.GlobalThreatFeedStatus;
import io.selvedge.model.GoDuration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalThreatFeedValidatorTest {
  /** Calico Enterprise's sample, with a header and a status as kubectl shows them. */
  private static final String SAMPLE = """
      apiVersion: projectcalico.org/v3
      kind: GlobalThreatFeed
      metadata:
        name: sample-global-threat-feed
      spec:
        content: IPSet
        mode: Enabled
        description: This is the sample global threat feed
        feedType: Custom
        globalNetworkSet:
          labels:
            level: high
        pull:
          period: 24h
          http:
            format:
              newlineDelimited: {}
            url: https://an.example.threat.feed/deny-list
            headers:
            - name: Accept
              value: text/plain
      status:
        lastSuccessfulSync: "2026-11-26T09:00:00Z"
        errorConditions:
        - type: PullFailed
          message: HTTP status 500
      """;

  private static List<String> feed(String spec) {
    return violations("""
        apiVersion: projectcalico.org/v3
        kind: GlobalThreatFeed
        metadata: {name: f}
        spec: SPEC
        """.replace("SPEC", spec));
  }

  @Test
  void calicoSampleDecodesValidatesAndRoundTripsWithStatus() {
    GlobalThreatFeed f = (GlobalThreatFeed) yaml(SAMPLE);
    assertThat(Validator.calico().validate(f)).isEmpty();
    assertThat(f.spec().pull().http().format().newlineDelimited()).isNotNull();
    assertThat(f.status()).isEqualTo(new GlobalThreatFeedStatus("2026-11-26T09:00:00Z", null,
        List.of(new GlobalThreatFeedStatus.ErrorCondition("PullFailed", "HTTP status 500"))));
    String out = ResourceCodec.strict().toYaml(List.of(f));
    assertThat(out).contains("newlineDelimited: {}").contains("status:").contains("lastSuccessfulSync");
    assertThat(out.indexOf("content:")).isLessThan(out.indexOf("mode:"));
    assertThat(yaml(out)).isEqualTo(f);
    assertThat(f.setName()).isEqualTo("threatfeed.sample-global-threat-feed");
  }

  @Test
  void minimalFeedsAreValid() {
    assertThat(feed("{globalNetworkSet: {}, pull: {http: {url: 'http://192.0.2.1/list'}}}")).isEmpty();
    assertThat(feed("{globalNetworkSet: {labels: {a: b}}, pull: {period: 1m, geoip: {countries: [CU, IR]}}}")).isEmpty();
    assertThat(feed("{globalNetworkSet: {}, pull: {http: {url: 'https://x.example/l.json',"
        + " format: {json: {path: \"$.data[*]['ip']\"}}}}}")).isEmpty();
    assertThat(feed("{globalNetworkSet: {}, pull: {http: {url: 'https://x.example/l.csv',"
        + " format: {csv: {fieldName: ip, header: true, columnDelimiter: ';'}}}}}")).isEmpty();
  }

  @Test
  void refusesWhatSelvedgeCannotRunWithReasons() {
    assertThat(feed("{content: DomainNameSet, globalNetworkSet: {}, pull: {http: {url: 'http://a.example/'}}}"))
        .containsExactly("spec.content: DomainNameSet feeds are not supported: Selvedge enforces IP sets only (use IPSet)");
    assertThat(feed("{mode: enabled, feedType: Own, globalNetworkSet: {}, pull: {http: {url: 'http://a.example/'}}}"))
        .containsExactly("spec.mode: \"enabled\" is not one of Enabled, Disabled",
            "spec.feedType: \"Own\" is not one of Builtin, Custom");
    assertThat(feed("{pull: {http: {url: 'ftp://a.example/x'}}}")).containsExactly(
        "spec.globalNetworkSet: is required: Selvedge writes a feed into the GlobalNetworkSet threatfeed.NAME with"
            + " these labels (e.g. globalNetworkSet: {labels: {feed: deny}})",
        "spec.pull.http.url: \"ftp://a.example/x\" is not an http or https URL");
    assertThat(feed("{globalNetworkSet: {}}")).containsExactly(
        "spec.pull: is required: Selvedge pulls every feed (give pull.http.url, or pull.geoip)");
    assertThat(feed("{globalNetworkSet: {}, pull: {period: 30s, http: {url: 'http:///nohost'}}}")).containsExactly(
        "spec.pull.period: \"30s\" is shorter than the minimum 1m (absent means 24h)",
        "spec.pull.http.url: \"http:///nohost\" has no host");
    assertThat(feed("{globalNetworkSet: {}, pull: {period: 1day, http: {url: 'http://a.example/'}}}")).containsExactly(
        "spec.pull.period: \"1day\" has an unknown unit \"day\" (use ns, us, ms, s, m or h)");
    assertThat(feed("{globalNetworkSet: {}, pull: {http: {url: 'http://a.example/', headers: ["
        + "{name: 'X-Key', valueFrom: {secretKeyRef: {name: s, key: k}}}, {name: 'Bad Name', value: v},"
        + " {name: Host, value: \"a\\r\\nX: y\"}]}}}")).containsExactly(
        "spec.pull.http.headers[0].valueFrom: is not supported: Selvedge has no ConfigMaps or Secrets (give value)",
        "spec.pull.http.headers[1].name: \"Bad Name\" is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
        "spec.pull.http.headers[2].name: \"Host\" is set by the HTTP client and cannot be given",
        "spec.pull.http.headers[2].value: must not contain line breaks or NUL");
    assertThat(feed("{globalNetworkSet: {}, pull: {http: {url: 'http://a.example/'}, geoip: {countries: [ZZ]}}}"))
        .containsExactly("spec.pull.geoip: give either pull.http or pull.geoip, not both",
            "spec.pull.geoip.countries[0]: \"ZZ\" is not a known country code (upper-case ISO 3166-1 alpha-2, e.g. CU)");
    assertThat(feed("{globalNetworkSet: {}, pull: {http: {url: 'http://a.example/', format: {json: {path: '$..ip'},"
        + " csv: {fieldName: ip}}}}}")).containsExactly(
        "spec.pull.http.format: give at most one of newlineDelimited, json and csv",
        "spec.pull.http.format.json.path: \"$..ip\": recursive descent (..) at column 2 is not supported (use .name,"
            + " ['name'], [n] or [*])",
        "spec.pull.http.format.csv.fieldName: needs header: true (the column is found by its name in the first row)");
    assertThat(feed("{globalNetworkSet: {labels: {'projectcalico.org/namespace': x}}, pull: {geoip: {}}}"))
        .containsExactly("spec.globalNetworkSet.labels[\"projectcalico.org/namespace\"]: label key"
            + " \"projectcalico.org/namespace\" is reserved (it is set from the namespace; remove it)",
            "spec.pull.geoip.countries: is required (ISO 3166-1 alpha-2 codes, e.g. [CU, IR, KP, SY])");
    assertThat(feed("{globalNetworkSet: {}, pull: {geoip: {countries: [CU], path: GeoIP.dat}}}")).containsExactly(
        "spec.pull.geoip.path: \"GeoIP.dat\" is not an absolute path (the feed runner may run anywhere)");
  }

  @Test
  void nameLeavesRoomForTheSetPrefix() {
    String name = "a".repeat(243);
    assertThat(violations("""
        apiVersion: projectcalico.org/v3
        kind: GlobalThreatFeed
        metadata: {name: NAME}
        spec: {globalNetworkSet: {}, pull: {geoip: {countries: [CU]}}}
        """.replace("NAME", name))).containsExactly(
        "metadata.name: is 243 characters long; at most 242 so that the set's name threatfeed.NAME stays within 253");
  }

  @Test
  void goDurations() {
    assertThat(GoDuration.parse("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> GoDuration.parse("10")).hasMessageContaining("missing a unit");
    assertThatThrownBy(() -> GoDuration.parse("")).hasMessageContaining("is not a duration");
    assertThatThrownBy(() -> GoDuration.parse("1..5h")).hasMessageContaining("is not a duration");
  }
}
