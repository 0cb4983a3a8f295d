//go:build !unix

package ical

import "testing"

// reportCPU runs the benchmark; CPU time is only measured on Unix.
func reportCPU(b *testing.B, run func()) {
	for b.Loop() {
		run()
	}
}
