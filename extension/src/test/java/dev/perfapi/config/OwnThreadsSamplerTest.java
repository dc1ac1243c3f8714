package dev.perfapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OwnThreadsSamplerTest {
  private final Sampler sampler = new OwnThreadsSampler(Sampler.alwaysOn());

  private SamplingDecision decideOn(String threadName) throws InterruptedException {
    AtomicReference<SamplingDecision> decision = new AtomicReference<>();
    Thread t = new Thread(() -> decision.set(sampler.shouldSample(Context.root(),
        "0af7651916cd43dd8448eb211c80319c", "GET /", SpanKind.SERVER, Attributes.empty(),
        Collections.emptyList()).getDecision()), threadName);
    t.start();
    t.join();
    return decision.get();
  }

  @Test
  void dropsSpansOfTheExtensionsOwnThreadsOnly() throws Exception {
    assertThat(decideOn("perfapi-rest")).isEqualTo(SamplingDecision.DROP);
    assertThat(decideOn("http-nio-8080-exec-1")).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    assertThat(sampler.getDescription()).contains("AlwaysOnSampler");
  }
}
