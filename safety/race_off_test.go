//go:build !race

package safety

const raceDetector = false
