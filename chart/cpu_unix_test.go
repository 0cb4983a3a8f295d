//go:build unix

package chart

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU adds cpu-ns/op to a benchmark: the process's CPU time (user
// and system, all threads) per operation. On a shared machine wall time
// swings with other people's work; CPU time is what the code costs.
func reportCPU(b *testing.B, run func()) {
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	n := 0
	for b.Loop() {
		run()
		n++
	}
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := func(r syscall.Rusage) time.Duration {
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	if n > 0 {
		b.ReportMetric(float64(cpu(after)-cpu(before))/float64(n), "cpu-ns/op")
	}
}
