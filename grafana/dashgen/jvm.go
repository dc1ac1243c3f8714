package dashgen

import "github.com/grafana/grafana-foundation-sdk/go/dashboard"

// JVM answers "what is this JVM doing with the CPU and memory it has?": the extension's
// process.* figures (what the kernel sees) beside the agent's jvm.* runtime metrics (what
// the JVM sees), so e.g. RSS can be read against heap and GC time against CPU time.
func JVM() *dashboard.DashboardBuilder {
	by := "service_instance_id"
	return base("perfapi-jvm", "Performance API / JVM process",
		"The JVM process as the kernel sees it (process.*, Performance API extension) beside the JVM runtime metrics of the OpenTelemetry agent (jvm.*).",
		"jvm", "process").
		WithVariable(serviceVar()).
		WithVariable(instanceVar()).
		WithRow(row("CPU")).
		WithPanel(graph("Process CPU", "CPU seconds per second used by the whole process (user and system); 1 = one core busy.",
			"suffix: cores", 8, 8, true, false,
			q(`sum by (`+by+`, cpu_mode) (rate(process_cpu_time_seconds_total`+sel()+rateWin+`))`, "{{"+by+"}} {{cpu_mode}}"))).
		WithPanel(graph("Process CPU utilization vs JVM's view", "process.cpu.utilization (per CPU available to the JVM, from /proc) against the agent's jvm.cpu.recent_utilization.",
			"percentunit", 8, 8, false, false,
			q(`sum by (`+by+`) (process_cpu_utilization_ratio`+sel()+`)`, "{{"+by+"}} process (extension)"),
			q(`max by (`+by+`) (jvm_cpu_recent_utilization_ratio`+sel()+`)`, "{{"+by+"}} jvm (agent)"))).
		WithPanel(graph("GC time share", "Share of wall-clock time spent in garbage collection, per collector and action.",
			"percentunit", 8, 8, false, false,
			q(`sum by (`+by+`, jvm_gc_name, jvm_gc_action) (rate(jvm_gc_duration_seconds_sum`+sel()+rateWin+`))`, "{{"+by+"}} {{jvm_gc_name}} ({{jvm_gc_action}})"))).
		WithRow(row("Memory")).
		WithPanel(graph("Resident memory vs heap", "RSS of the process (process.memory.usage) against the heap the JVM uses and has committed; the difference is metaspace, code cache, thread stacks, direct buffers and the JVM itself.",
			"bytes", 12, 8, false, false,
			q(`max by (`+by+`) (process_memory_usage_bytes`+sel()+`)`, "{{"+by+"}} RSS"),
			q(`sum by (`+by+`) (jvm_memory_committed_bytes`+sel(`jvm_memory_type="heap"`)+`)`, "{{"+by+"}} heap committed"),
			q(`sum by (`+by+`) (jvm_memory_used_bytes`+sel(`jvm_memory_type="heap"`)+`)`, "{{"+by+"}} heap used"))).
		WithPanel(graph("Memory used by pool", "jvm.memory.used per memory pool, heap and non-heap.",
			"bytes", 12, 8, false, false,
			q(`sum by (`+by+`, jvm_memory_type, jvm_memory_pool_name) (jvm_memory_used_bytes`+sel()+`)`, "{{"+by+"}} {{jvm_memory_type}} {{jvm_memory_pool_name}}"))).
		WithPanel(graph("GC pauses", "Garbage collections per second, per collector and action.",
			"suffix: collections/s", 12, 8, false, false,
			q(`sum by (`+by+`, jvm_gc_name, jvm_gc_action) (rate(jvm_gc_duration_seconds_count`+sel()+rateWin+`))`, "{{"+by+"}} {{jvm_gc_name}} ({{jvm_gc_action}})"))).
		WithPanel(graph("Page faults", "Page faults of the process per second; major faults read from disk.",
			"suffix: faults/s", 12, 8, false, false,
			q(`sum by (`+by+`, system_paging_fault_type) (rate(process_paging_faults_total`+sel()+rateWin+`))`, "{{"+by+"}} {{system_paging_fault_type}}"))).
		WithRow(row("Threads, classes, files")).
		WithPanel(graph("Threads", "Threads of the process from /proc (process.thread.count) against the JVM's live threads by state (jvm.thread.count).",
			"suffix: threads", 8, 8, false, false,
			q(`max by (`+by+`) (process_thread_count`+sel()+`)`, "{{"+by+"}} process (kernel)"),
			q(`sum by (`+by+`, jvm_thread_state) (jvm_thread_count`+sel()+`)`, "{{"+by+"}} jvm {{jvm_thread_state}}"))).
		WithPanel(graph("Context switches", "Voluntary (the thread waited) and involuntary (preempted: CPU contention) switches per second, over all threads.",
			"suffix: switches/s", 8, 8, false, false,
			q(`sum by (`+by+`, process_context_switch_type) (rate(process_context_switches_total`+sel()+rateWin+`))`, "{{"+by+"}} {{process_context_switch_type}}"))).
		WithPanel(graph("Loaded classes", "Classes currently loaded (jvm.class.count); steady growth hints at a class-loader leak.",
			"suffix: classes", 8, 8, false, false,
			q(`sum by (`+by+`) (jvm_class_count`+sel()+`)`, "{{"+by+"}} loaded"))).
		WithPanel(graph("Open file descriptors", "File descriptors the process holds (files, sockets, pipes).",
			"suffix: descriptors", 8, 8, false, false,
			q(`max by (`+by+`) (process_unix_file_descriptor_count`+sel()+`)`, "{{"+by+"}}"))).
		WithPanel(graph("Process storage I/O", "Bytes the process read from and wrote to storage per second (/proc/PID/io).",
			"Bps", 8, 8, false, false,
			q(`sum by (`+by+`, disk_io_direction) (rate(process_disk_io_bytes_total`+sel()+rateWin+`))`, "{{"+by+"}} {{disk_io_direction}}"))).
		WithPanel(graph("Uptime", "Seconds since the process started; a drop is a restart.",
			"s", 8, 8, false, false,
			q(`max by (`+by+`) (process_uptime_seconds`+sel()+`)`, "{{"+by+"}}")))
}
