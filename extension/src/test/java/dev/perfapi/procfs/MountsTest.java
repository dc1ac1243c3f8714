package dev.perfapi.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountsTest {
  @Test
  void octalEscapesInNamesAndReadOnlyOptions() {
    List<Mounts.Mount> mounts = Mounts.parse(Arrays.asList(
        "/dev/sda1 / ext4 rw,relatime 0 0",
        "/dev/sdb1 /mnt/my\\040disk ext4 ro,nosuid 0 0",
        "broken line"));
    assertThat(mounts).hasSize(2);
    assertThat(mounts.get(1).mountpoint).isEqualTo("/mnt/my disk");
    assertThat(mounts.get(1).readOnly()).isTrue();
    assertThat(mounts.get(0).readOnly()).isFalse();
    assertThat(Mounts.unescape("a\\134b\\04")).isEqualTo("a\\b\\04");
  }
}
