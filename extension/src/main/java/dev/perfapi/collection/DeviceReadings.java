package dev.perfapi.collection;

import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The last reading of each device (disk, interface, file system) of one family, capped by a
 * {@link DeviceLimit}, and the callbacks that report one value per device from it.
 */
public final class DeviceReadings<R> {
  private final DeviceLimit limit;
  private volatile List<R> readings;

  public DeviceReadings(String family, int maxDevices) {
    this.limit = new DeviceLimit(family, maxDevices);
  }

  public void publish(List<R> selected) {
    readings = limit.apply(selected);
  }

  public void reset() {
    readings = null;
  }

  public Consumer<ObservableLongMeasurement> eachLong(BiConsumer<R, ObservableLongMeasurement> record) {
    return m -> forEach(r -> record.accept(r, m));
  }

  public Consumer<ObservableDoubleMeasurement> eachDouble(
      BiConsumer<R, ObservableDoubleMeasurement> record) {
    return m -> forEach(r -> record.accept(r, m));
  }

  private void forEach(Consumer<R> action) {
    List<R> r = readings;
    if (r != null) {
      r.forEach(action);
    }
  }
}
