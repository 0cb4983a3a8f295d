//go:build race

package sqlstore_test

// raceEnabled: the race detector slows every memory access several times,
// so time budgets are reported, not enforced, under -race.
const raceEnabled = true
