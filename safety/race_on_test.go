//go:build race

package safety

// raceDetector is true in a -race build, where retraining the model is
// ten times slower; .ci/run runs TestModelUpToDate without -race.
const raceDetector = true
