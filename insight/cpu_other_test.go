//go:build !unix

package insight

import "testing"

// reportCPU runs the benchmark; CPU time is only measured on Unix.
func reportCPU(b *testing.B, run func()) {
	for b.Loop() {
		run()
	}
}
