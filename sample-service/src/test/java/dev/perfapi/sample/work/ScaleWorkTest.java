package dev.perfapi.sample.work;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleWorkTest {

  @Test
  void runsSpansOnEveryThreadUntilTheDeadline() throws Exception {
    ScaleWork.Result result = new ScaleWork().run(4, 7, 30, 100);
    assertThat(result.threads()).isEqualTo(4);
    assertThat(result.names()).isEqualTo(7);
    // every thread runs at least one span, however loaded the machine
    assertThat(result.spans()).isGreaterThanOrEqualTo(4);
  }
}
