package dev.perfapi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class RestRequestTest {
  @Test
  void durationsTakeUnitsAndABareNumberInTheGivenUnit() {
    assertThat(RestRequest.parseDuration("250ms", ChronoUnit.SECONDS)).isEqualTo(Duration.ofMillis(250));
    assertThat(RestRequest.parseDuration("100us", ChronoUnit.SECONDS)).isEqualTo(Duration.ofNanos(100_000));
    assertThat(RestRequest.parseDuration("5m", ChronoUnit.SECONDS)).isEqualTo(Duration.ofMinutes(5));
    assertThat(RestRequest.parseDuration("30", ChronoUnit.SECONDS)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RestRequest.parseDuration("30", ChronoUnit.NANOS)).isEqualTo(Duration.ofNanos(30));
    assertThat(RestRequest.parseDuration("-5s", ChronoUnit.SECONDS)).isNull();
    assertThat(RestRequest.parseDuration("5 s", ChronoUnit.SECONDS)).isNull();
    assertThat(RestRequest.parseDuration("1e3s", ChronoUnit.SECONDS)).isNull();
    assertThat(RestRequest.parseDuration("9999999999999s", ChronoUnit.SECONDS)).isNull();
  }

  @Test
  void aParameterGivenTwiceIsAnError() throws Exception {
    assertThat(RestRequest.parseQuery("a=1&b=x%20y&&c")).containsEntry("b", "x y").containsEntry("c", "");
    assertThatThrownBy(() -> RestRequest.parseQuery("a=1&a=2"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field).isEqualTo("a"));
    assertThatThrownBy(() -> RestRequest.parseQuery("a=%zz"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field).isEqualTo("query"));
  }
}
