package dev.perfapi.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcParsersTest {
  @Test
  void vmStatFaultsAndSwap() {
    VmStat vm = VmStat.parse(Arrays.asList(
        "pgpgin 1155041", "pgpgout 4277608", "pswpin 3", "pswpout 7", "pgfault 4128471",
        "pgmajfault 930", "nr_free_pages 123"));
    assertThat(vm.majorFaults).isEqualTo(930);
    assertThat(vm.minorFaults()).isEqualTo(4128471 - 930);
    assertThat(vm.swapIn).isEqualTo(3);
    assertThat(vm.swapOut).isEqualTo(7);
  }

  @Test
  void vmStatMissingCountersAreNoData() {
    VmStat vm = VmStat.parse(Collections.emptyList());
    assertThat(vm.pageFaults).isEqualTo(-1);
    assertThat(vm.minorFaults()).isEqualTo(-1);
  }

  @Test
  void diskStatsFromRealHost() throws Exception {
    List<DiskStats> disks = DiskStats.parse(Fixtures.proc("real").lines("diskstats"));
    DiskStats vda = disks.stream().filter(d -> d.device.equals("vda")).findFirst().orElseThrow();
    // 254 0 vda 57945 8160 2833602 26060 25917 221211 14633576 72091 0 17656 ...
    assertThat(vda.reads).isEqualTo(57945);
    assertThat(vda.readsMerged).isEqualTo(8160);
    assertThat(vda.readBytes).isEqualTo(2833602L * 512);
    assertThat(vda.readTimeMillis).isEqualTo(26060);
    assertThat(vda.writes).isEqualTo(25917);
    assertThat(vda.writeBytes).isEqualTo(14633576L * 512);
    assertThat(vda.writeTimeMillis).isEqualTo(72091);
    assertThat(vda.ioTimeMillis).isEqualTo(17656);
  }

  @Test
  void diskStatsSkipsMalformedLines() {
    List<DiskStats> disks = DiskStats.parse(Arrays.asList(
        "8 0 sda 1 2 3 4 5 6 7 8 9 10 11", "garbage", "8 1 sda1 x 2 3 4 5 6 7 8 9 10 11"));
    assertThat(disks).extracting(d -> d.device).containsExactly("sda");
  }

  @Test
  void netDevParsesEveryInterface() {
    List<NetDev> devs = NetDev.parse(Arrays.asList(
        "Inter-|   Receive                                                |  Transmit",
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
        "    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0",
        "  eth0: 649020741   41716    1    2    0     0          0         0  3446874   31164    3    4    0     0       0          0"));
    assertThat(devs).hasSize(2);
    NetDev eth0 = devs.get(1);
    assertThat(eth0.name).isEqualTo("eth0");
    assertThat(eth0.receiveBytes).isEqualTo(649020741L);
    assertThat(eth0.receivePackets).isEqualTo(41716);
    assertThat(eth0.receiveErrors).isEqualTo(1);
    assertThat(eth0.receiveDropped).isEqualTo(2);
    assertThat(eth0.transmitBytes).isEqualTo(3446874);
    assertThat(eth0.transmitPackets).isEqualTo(31164);
    assertThat(eth0.transmitErrors).isEqualTo(3);
    assertThat(eth0.transmitDropped).isEqualTo(4);
  }

  @Test
  void procStatCreatedAndBlocked() throws Exception {
    ProcStat stat = ProcStat.parse(Fixtures.proc("pids").lines("stat"));
    assertThat(stat.processesCreated).isEqualTo(123456);
    assertThat(stat.procsBlocked).isEqualTo(1);
    assertThat(ProcStat.parse(Collections.emptyList()).processesCreated).isEqualTo(-1);
  }
}
