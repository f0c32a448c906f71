/**
 * The live memory monitor: polls a net/http/pprof target's runtime numbers
 * (expvar's memstats or the heap?debug=1 trailer, plus the goroutine count),
 * warns once per threshold breach, and snapshots heap and goroutine profiles
 * at that moment. Shared by the extension and `gomem watch`.
 */
export { MemoryMonitor, type MonitorEvents, type MonitorOptions } from './memoryMonitor';
export { captureSpike, type SpikeSnapshot } from './spikeSnapshot';
export { expvarUrl, readExpvarMemStats, readGoroutineCount, readHeapMemStats } from './readRuntimeStats';
