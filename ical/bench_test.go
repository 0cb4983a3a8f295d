package ical

import "testing"

// BenchmarkEncode writes a feed of three reminders in two zones with
// summer time (each with its VTIMEZONE) and one in UTC:
//
//	go test ./ical -run x -bench . -benchmem
func BenchmarkEncode(b *testing.B) {
	f := sampleFeed()
	b.ReportAllocs()
	reportCPU(b, func() {
		if _, err := Encode(f); err != nil {
			b.Fatal(err)
		}
	})
}
