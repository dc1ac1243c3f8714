package dashgen

import "github.com/grafana/grafana-foundation-sdk/go/dashboard"

// Host answers "is the machine under this service the bottleneck?": CPU, load, memory, paging,
// disks, network, file systems and processes, as reported by each instance's extension.
// Several instances on one host report the same figures, hence max/avg by host_name.
func Host() *dashboard.DashboardBuilder {
	return base("perfapi-host", "Performance API / Host",
		"Host metrics (system.*) read by the Performance API extension in each JVM: CPU, load, memory, paging, disks, network, file systems, processes.",
		"host").
		WithVariable(serviceVar()).
		WithVariable(instanceVar()).
		WithRow(row("CPU and load")).
		WithPanel(graph("CPU by mode", "Share of all logical CPUs spent in each mode (system.cpu.utilization); the modes add up to 100 %.",
			"percentunit", 12, 8, true, false,
			q(`avg by (host_name, cpu_mode) (system_cpu_utilization_ratio`+sel()+`)`, "{{host_name}} {{cpu_mode}}"))).
		WithPanel(graph("CPU busy", "Share of CPU time not idle and not waiting for I/O.",
			"percentunit", 6, 8, false, false,
			q(`sum by (host_name) (avg by (host_name, cpu_mode) (system_cpu_utilization_ratio`+sel(`cpu_mode!~"idle|iowait"`)+`))`, "{{host_name}} busy")).
			Min(0).Max(1)).
		WithPanel(graph("Load average vs CPUs", "Runnable and uninterruptible threads (1/5/15 min averages) against the number of logical CPUs: load above the CPU count means threads wait for a CPU.",
			"short", 6, 8, false, false,
			q(`max by (host_name) (system_cpu_load_average_1m`+sel()+`)`, "{{host_name}} load 1m"),
			q(`max by (host_name) (system_cpu_load_average_5m`+sel()+`)`, "{{host_name}} load 5m"),
			q(`max by (host_name) (system_cpu_load_average_15m`+sel()+`)`, "{{host_name}} load 15m"),
			q(`max by (host_name) (system_cpu_logical_count`+sel()+`)`, "{{host_name}} logical CPUs"))).
		WithRow(row("Memory and paging")).
		WithPanel(graph("Memory by state", "used = MemTotal - MemAvailable (as free(1) of procps-ng 4); cached = reclaimable page cache and slab; the states add up to MemTotal.",
			"bytes", 12, 8, true, false,
			q(`max by (host_name, system_memory_state) (system_memory_usage_bytes`+sel()+`)`, "{{host_name}} {{system_memory_state}}"))).
		WithPanel(graph("Page faults", "Page faults per second; major faults had to read from disk.",
			"suffix: faults/s", 6, 8, false, false,
			q(`max by (host_name, system_paging_fault_type) (rate(system_paging_faults_total`+sel()+rateWin+`))`, "{{host_name}} {{system_paging_fault_type}} faults/s"))).
		WithPanel(graph("Swap activity", "Pages swapped in and out per second (pswpin/pswpout); sustained swap-in means memory pressure.",
			"suffix: pages/s", 6, 8, false, false,
			q(`max by (host_name, system_paging_direction) (rate(system_paging_operations_total`+sel()+rateWin+`))`, "{{host_name}} swap {{system_paging_direction}} pages/s"))).
		WithRow(row("Disks")).
		WithPanel(graph("Disk throughput", "Bytes read and written per second per whole disk.",
			"Bps", 8, 8, false, false,
			q(`max by (host_name, system_device, disk_io_direction) (rate(system_disk_io_bytes_total`+sel()+rateWin+`))`, "{{host_name}} {{system_device}} {{disk_io_direction}}"))).
		WithPanel(graph("Disk IOPS", "Completed read and write operations per second per whole disk.",
			"iops", 8, 8, false, false,
			q(`max by (host_name, system_device, disk_io_direction) (rate(system_disk_operations_total`+sel()+rateWin+`))`, "{{host_name}} {{system_device}} {{disk_io_direction}}"))).
		WithPanel(graph("Disk busy time", "Share of time each disk had I/O in flight (system.disk.io_time); near 100 % a non-parallel disk is saturated.",
			"percentunit", 8, 8, false, false,
			q(`max by (host_name, system_device) (rate(system_disk_io_time_seconds_total`+sel()+rateWin+`))`, "{{host_name}} {{system_device}}"))).
		WithRow(row("Network and file systems")).
		WithPanel(graph("Network throughput", "Bytes received and transmitted per second per interface.",
			"Bps", 8, 8, false, false,
			q(`max by (host_name, network_interface_name, network_io_direction) (rate(system_network_io_bytes_total`+sel()+rateWin+`))`, "{{host_name}} {{network_interface_name}} {{network_io_direction}}"))).
		WithPanel(graph("Network packets", "Packets received and transmitted per second per interface.",
			"pps", 8, 8, false, false,
			q(`max by (host_name, network_interface_name, network_io_direction) (rate(system_network_packet_count_total`+sel()+rateWin+`))`, "{{host_name}} {{network_interface_name}} {{network_io_direction}}"))).
		WithPanel(graph("File system fill", "Used share of each file system, as df's Use% (used / (used + free)).",
			"percentunit", 8, 8, false, false,
			q(`max by (host_name, system_device, system_filesystem_mountpoint) (system_filesystem_utilization_ratio`+sel()+`)`, "{{host_name}} {{system_filesystem_mountpoint}} ({{system_device}})")).
			Min(0).Max(1)).
		WithRow(row("Processes")).
		WithPanel(graph("Processes by state", "Processes (not threads) on the host by state; defunct are zombies, blocked are in uninterruptible sleep (usually I/O).",
			"suffix: processes", 12, 8, true, false,
			q(`max by (host_name, process_state) (system_process_count`+sel()+`)`, "{{host_name}} {{process_state}}"))).
		WithPanel(graph("Processes created", "New processes (fork/clone of a process) per second.",
			"suffix: processes/s", 12, 8, false, false,
			q(`max by (host_name) (rate(system_process_created_total`+sel()+rateWin+`))`, "{{host_name}} created/s")))
}
